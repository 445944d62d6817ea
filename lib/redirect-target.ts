// The one rule for every redirect whose target a client supplied: a `returnTo` field, the
// Referer header, any `next`-style parameter. A redirect to another site is an open redirect (a
// phishing link that starts on this shop's address), and browsers are generous in what they read
// as another site: `//evil.example`, `/\evil.example` (a backslash is a slash to them), `/<TAB>/evil.example`
// (tabs and newlines are dropped from URLs), `/.//evil.example` (which normalises to `//evil…`).
// Encoded slashes (%2F, %5C, or %25 for a second round of decoding) are refused too: whatever
// decodes them on the way (a proxy, a framework) would see `//`. So a target is kept only when
// it is a plain path on this site, and is otherwise replaced by the caller's default.
// Browser-safe and pure: tests/redirect-target.test.ts tries every trick on it.

const MAX_TARGET = 2000;
/** Only printable ASCII, without the backslash: no spaces, tabs, newlines, controls or Unicode. */
const PLAIN = /^[\x21-\x5b\x5d-\x7e]+$/;
const ENCODED_SEPARATOR = /%(2f|5c|25)/i;
/** Parsing against a made-up origin tells a path on this site from anything that leaves it. */
const HERE = "http://here.invalid";

/** `candidate` as a path on this site (path, query, fragment), or null when it could lead elsewhere. */
export function localPath(candidate: unknown): string | null {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > MAX_TARGET) return null;
  if (!PLAIN.test(candidate) || ENCODED_SEPARATOR.test(candidate)) return null;
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(candidate, HERE);
  } catch {
    return null;
  }
  if (url.origin !== HERE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can normalise into `//host`: check what the browser will be sent, not only what came in.
  return path.startsWith("/") && !path.startsWith("//") ? path : null;
}

/**
 * The page a Referer names (path and query), when it is a URL of `host` and its path passes
 * localPath; else null. `http://shop//evil.example/x` names this host, but its path does not pass.
 */
export function refererPath(referer: string | null | undefined, host: string): string | null {
  if (!referer || !host) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.host !== host.toLowerCase() ||
    url.username ||
    url.password
  )
    return null;
  return localPath(`${url.pathname}${url.search}`);
}
