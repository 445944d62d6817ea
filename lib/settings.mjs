// @ts-check
// The settings read before lib/config.ts can be: by the preloads Node requires into `next start`
// (scripts/run/http-guard.cjs, scripts/run/graceful-stop.cjs), by next.config.ts and
// cache-handler.mjs, and by the scripts that start servers. Plain JavaScript without imports, so
// that all of those can load it. lib/config.ts lists and validates these with every other
// setting, so a bad value stops `npm start` before any of them reads it.

export class ConfigError extends Error {}

/** The sentence a bad value stops start-up with, here and in lib/config.ts. */
export const invalidSetting = (/** @type {string} */ name, /** @type {string} */ reason) =>
  new ConfigError(`${name} is invalid: ${reason}.`);

/** @param {unknown} value */
const isUnset = (value) => value === undefined || String(value).trim() === "";

/**
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
const wholeNumber = (fallback, min, max) => (/** @type {unknown} */ value) => {
  if (isUnset(value)) return fallback;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new RangeError(`expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
};

/** Each setting's default, or how its text becomes a value (a RangeError says why not). */
export const EARLY_SETTINGS = {
  /** The port `npm start` serves on (and `npm run cluster`'s nginx). */
  PORT: wholeNumber(3000, 1, 65_535),
  /** Next's page cache in Redis, shared by every server (cache-handler.mjs); null: on disk, per server. */
  REDIS_URL: (/** @type {unknown} */ value) => {
    if (isUnset(value)) return null;
    const text = String(value).trim();
    // Not echoed: the URL may hold a password.
    if (!/^rediss?:\/\/\S+$/.test(text)) throw new RangeError("expected a redis:// or rediss:// URL");
    return text;
  },
  /** true: the client address, host and scheme come from X-Forwarded-* (a proxy you run sets them). */
  TRUST_PROXY: (/** @type {unknown} */ value) => {
    if (isUnset(value)) return false;
    const text = String(value).trim();
    if (text !== "true" && text !== "false") throw new RangeError(`expected "true" or "false", got "${text}"`);
    return text === "true";
  },
  /** Milliseconds a stopping server waits for its requests and hooks before it exits anyway
   *  (at most 2^31 - 1: setTimeout fires a longer delay at once). */
  STOP_TIMEOUT_MS: wholeNumber(10_000, 1, 2_147_483_647),
};

/**
 * One of the settings above from the environment: its default when unset, else its value; a bad
 * value throws a ConfigError that names it.
 * @template {keyof typeof EARLY_SETTINGS} N
 * @param {N} name
 * @param {Record<string, string | undefined>} [env]
 * @returns {ReturnType<(typeof EARLY_SETTINGS)[N]>}
 */
export function setting(name, env = process.env) {
  try {
    return /** @type {ReturnType<(typeof EARLY_SETTINGS)[N]>} */ (EARLY_SETTINGS[name](env[name]));
  } catch (error) {
    throw invalidSetting(name, error instanceof Error ? error.message : String(error));
  }
}
