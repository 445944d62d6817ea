import { config } from "../config";
import { sealOffThread, unsealOffThread } from "./seal-thread";

// The cookie's sealed value (iron-session, holding only { sid, type, exp }), sealed and unsealed
// on a worker thread (./seal-thread.ts). Writing the cookie itself is lib/server/session-cookie.ts's job.

export type CookiePayload = { sid: string; type: "anonymous" | "authenticated"; exp: number };

/** iron-session seals with the highest key id and unseals with all: the first secret gets it. */
export function sealPasswords(): Record<string, string> {
  const secrets = config().sessionSecrets;
  return Object.fromEntries(secrets.map((secret, i) => [String(secrets.length - i), secret]));
}

/** The cookie's sealed value (iron-session, on its own thread: ./seal-thread.ts). */
export async function sealSession(payload: CookiePayload, now = Date.now()): Promise<string> {
  const ttl = Math.max(1, Math.ceil((payload.exp - now) / 1000));
  return sealOffThread(payload, sealPasswords(), ttl);
}

// Unsealing (key derivation, HMAC, AES) is the costly part of a session check, and a browser
// sends the same seal on every request. Verified seals are remembered, bounded and in insertion
// order (the oldest goes first). The cache holds only what the seal says; whether the session is
// still alive is checked against its row on every request (on SQLite the row as last read,
// while no connection has committed since: lib/db/sqlite.ts), so revocation, expiry and
// conversion still take effect on the very next one. The payload's own `exp` is checked on every hit too.
const SEAL_CACHE_SIZE = 10_000;
const verifiedSeals = new Map<string, CookiePayload>();

export async function unsealSession(seal: string): Promise<CookiePayload | null> {
  const known = verifiedSeals.get(seal);
  if (known) return known;
  const payload = await openSeal(seal);
  if (payload) {
    if (verifiedSeals.size >= SEAL_CACHE_SIZE) verifiedSeals.delete(verifiedSeals.keys().next().value!);
    verifiedSeals.set(seal, payload);
  }
  return payload;
}

async function openSeal(seal: string): Promise<CookiePayload | null> {
  try {
    const data = await unsealOffThread<Partial<CookiePayload>>(seal, sealPasswords());
    // unsealData answers {} for an expired, tampered or foreign seal.
    if (typeof data.sid !== "string" || typeof data.exp !== "number") return null;
    if (data.type !== "anonymous" && data.type !== "authenticated") return null;
    return { sid: data.sid, type: data.type, exp: data.exp };
  } catch {
    return null;
  }
}
