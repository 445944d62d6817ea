// The Origin check, one rule for the two places that apply it: scripts/run/http-guard.cjs (posts to
// pages, before Next) and lib/server/request.ts (JSON routes). Plain JavaScript, so the guard
// can load it without a build.

/**
 * Whether a request comes from another site: its Origin names a host other than the one the
 * request was sent to. No Origin is not cross-site (browsers always send one on a POST, PUT,
 * PATCH or DELETE; other clients have nothing to forge); "null" and unparsable origins are.
 * @param {string | null | undefined} origin the Origin header
 * @param {string} host the host the request was sent to
 * @returns {boolean}
 */
export function crossSite(origin, host) {
  if (origin === undefined || origin === null) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
