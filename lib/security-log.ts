import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { config } from "./config";
import { keyedHash } from "./ids";

// The security log: one JSON line per event that matters when something goes wrong — sessions
// created, ended, expired, converted, revoked or replayed; sign-ups; log-ins that worked or
// failed; migrations; orders; rate-limit and cross-site refusals. Lines name a session by a keyed
// hash of its id (never the id: a logged id would be a usable credential) and an e-mail masked;
// no password, card number or token is ever passed here. LOG_LEVEL sets the verbosity, LOG_FILE
// sends the lines to a file instead of stdout. Writes are synchronous, so a crash loses none.

export type SecurityEvent =
  | "session.created"
  | "session.ended"
  | "session.expired"
  | "session.converted"
  | "session.revoked"
  | "session.replay_refused"
  | "signup"
  | "login.succeeded"
  | "login.failed"
  | "migration"
  | "order.placed"
  | "rate_limited"
  | "origin_refused"
  | "restore_link.refused"
  | "order_link.refused"
  | "password.changed"
  | "account.deleted"
  | "orders.claimed"
  | "orders.claim_refused";

type Fields = {
  /** A session id: logged as its keyed hash. */
  sessionId?: string;
  /** A second session id (the new one at a rotation): logged as its keyed hash. */
  newSessionId?: string;
  /** An e-mail address: logged masked. */
  email?: string;
  userId?: string;
  reason?: string;
  [key: string]: string | number | boolean | null | undefined;
};

const WARNINGS = new Set<SecurityEvent>([
  "login.failed",
  "rate_limited",
  "origin_refused",
  "session.replay_refused",
  "restore_link.refused",
  "order_link.refused",
  "orders.claim_refused",
]);

let logger: pino.Logger | undefined;

function log(): pino.Logger {
  const { level, file } = config().log;
  logger ??= pino(
    { level, base: { log: "security" }, timestamp: pino.stdTimeFunctions.isoTime, messageKey: "event" },
    pino.destination({ dest: file ?? 1, sync: true, mkdir: true }),
  );
  return logger;
}

/** `jane.doe@example.com` → `j***@example.com`: enough to tell accounts apart in an incident. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

// The client's address goes on every line written while serving a request: lib/server wraps each
// action and route handler in withLogAddress (scripts and tests have no address).
const requestAddress = new AsyncLocalStorage<string>();
export const withLogAddress = <T>(ip: string, work: () => T): T => requestAddress.run(ip, work);

export async function securityLog(event: SecurityEvent, fields: Fields = {}): Promise<void> {
  const { sessionId, newSessionId, email, ...rest } = fields;
  const line = {
    ...rest,
    ...(sessionId ? { session: keyedHash(sessionId) } : {}),
    ...(newSessionId ? { newSession: keyedHash(newSessionId) } : {}),
    ...(email ? { email: maskEmail(email) } : {}),
    ip: fields.ip ?? requestAddress.getStore(),
  };
  if (WARNINGS.has(event)) log().warn(line, event);
  else log().info(line, event);
}
