import crypto from "node:crypto";
import { config } from "./config";

/** 128 bits from the CSPRNG, base64url: never a counter, never derived from the client. */
function randomToken(bytes = 16): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export const newGuestSessionId = () => `guest_${randomToken()}`;
export const newUserSessionId = () => `auth_${randomToken()}`;
/** A signed-in session's public handle ("Your sessions" shows and ends it): not the id. */
export const newSessionHandle = () => `ses_${randomToken(12)}`;
/** 256 bits for links that grant something (a cart restore); only their hash is stored. */
export const newLinkToken = () => randomToken(32);
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

// A cart write hashes its session and its client address on every request, and an HMAC's key
// setup took 20–40 µs of each write in the server under load (a CPU profile): recent hashes are
// kept, at most RECENT_HASHES (then they start over). The secret is read once per process
// (config()), so a kept hash never outlives its key.
const RECENT_HASHES = 10_000;
const recentHashes = new Map<string, string>();

/**
 * A keyed hash of an identifier (session id, IP address, e-mail) for logs and rate-limit keys,
 * so neither ever holds the raw value.
 */
export function keyedHash(value: string): string {
  let hash = recentHashes.get(value);
  if (hash === undefined) {
    if (recentHashes.size >= RECENT_HASHES) recentHashes.clear();
    hash = crypto.createHmac("sha256", config().sessionSecrets[0]).update(value).digest("hex").slice(0, 24);
    recentHashes.set(value, hash);
  }
  return hash;
}
