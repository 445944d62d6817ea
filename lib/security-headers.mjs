// @ts-check
import nosecone from "nosecone";

// The security headers of every response, pages (cached ones too) and JSON alike, built by
// nosecone. Applied twice over, from this one list: by next.config.ts to what Next serves, and
// by scripts/run/http-guard.cjs (which `npm start` preloads) to every response Node sends, including
// those Next's config headers miss (its trailing-slash and config redirects, the guard's own
// 405s). Plain JavaScript, so that the CommonJS preload can load it too. The trade-off for scripts: Next inlines the data of
// each page in <script> tags, and the catalog pages are rendered once and cached for everyone,
// so a per-request nonce cannot be put in them. Scripts are therefore limited to this origin
// plus inline ones ('unsafe-inline'), never eval in production, and everything else is strict:
// no framing, no plugins, no foreign base or form targets, no foreign connections.

// Whether this is production is read when the headers are asked for, never when this module is
// loaded: scripts/run/http-guard.cjs loads it before `next start` sets NODE_ENV=production, and a
// list built then carried the development CSP ('unsafe-eval') on every answer the guard makes.

/**
 * @param {boolean} production
 * @returns {import("nosecone").Options}
 */
const options = (production) => ({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // React's development build needs eval; the production build never does.
      scriptSrc: production ? ["'self'", "'unsafe-inline'"] : ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameSrc: ["'none'"],
      childSrc: ["'none'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      mediaSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: false, // the shop also runs on plain http (localhost)
    },
  },
  // Not no-referrer: with it, browsers send `Origin: null` on POST, and the Origin checks of
  // server actions and the JSON API would refuse the shop's own forms.
  referrerPolicy: { policy: ["strict-origin-when-cross-origin"] },
  xFrameOptions: { action: "deny" },
  // HSTS only over https: see hstsHeader.
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
});

/** nosecone has no Permissions-Policy: the shop uses none of these features. */
const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** @typedef {{ key: string, value: string }[]} HeaderList */

/**
 * The headers for the environment as it is now (NODE_ENV is read at each call).
 * @returns {HeaderList}
 */
export function securityHeaders() {
  /** @type {HeaderList} */
  const list = [];
  nosecone(options(process.env.NODE_ENV === "production")).forEach((value, key) => list.push({ key, value }));
  list.push({ key: "Permissions-Policy", value: PERMISSIONS_POLICY });
  return list;
}

/**
 * For responses served over https (directly or behind a TLS-terminating proxy).
 * @returns {HeaderList}
 */
export function hstsHeader() {
  /** @type {HeaderList} */
  const list = [];
  nosecone({ ...allOff, strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true } }).forEach(
    (value, key) => list.push({ key, value }),
  );
  return list;
}

/** @type {import("nosecone").Options} */
const allOff = {
  contentSecurityPolicy: false,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};
