import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { config } from "../config";
import { DomainError } from "../errors";
import { crossSite } from "../origin.mjs";
import { refererPath as pathFromReferer } from "../redirect-target";

// What the server knows about the caller's connection, for rate limits and cookie flags.
// `npm start` preloads scripts/run/http-guard.cjs, which writes the socket address into
// X-Forwarded-For unless TRUST_PROXY=true (Next's App Router exposes no socket address, and
// `next start` keeps a client-sent X-Forwarded-For as it is, so a client could pick its own).

/** What the server reads off the request's headers, read once. */
export type RequestFacts = {
  /** The client's IP address: with TRUST_PROXY, the address the nearest proxy appended. */
  ip: string;
  /** Whether the cookie should be `Secure`: forced by COOKIE_SECURE, or the request was https. */
  https: boolean;
  /** The host the request was addressed to (X-Forwarded-Host only behind a trusted proxy). */
  host: string;
  /** The browser's User-Agent, as much of it as a device label needs. */
  userAgent: string;
  /** The Origin header, when the client sent one. */
  origin: string | null;
};

const MAX_USER_AGENT = 300;

/** Anything headers can be read from: a route handler's request, or next/headers. */
type HeaderSource = { get(name: string): string | null };

/** The facts in a set of headers (a route handler passes its request's: next/headers costs more). */
export function factsOf(h: HeaderSource): RequestFacts {
  const { trustProxy, cookieSecure } = config();
  const hops = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ip: (trustProxy ? hops.at(-1) : hops[0]) ?? "unknown",
    https: cookieSecure === "auto" ? h.get("x-forwarded-proto") === "https" : cookieSecure === "true",
    host: (trustProxy ? h.get("x-forwarded-host") : null) ?? h.get("host") ?? "",
    userAgent: (h.get("user-agent") ?? "").slice(0, MAX_USER_AGENT),
    origin: h.get("origin"),
  };
}

export const requestFacts = async (): Promise<RequestFacts> => factsOf(await headers());

export const secureCookies = async () => (await requestFacts()).https;

/** The Origin check for mutating JSON requests (lib/origin.mjs): a foreign Origin is refused. */
export function sameOrigin(request: Request): boolean {
  const { origin, host } = factsOf(request.headers);
  return !crossSite(origin, host);
}

/**
 * The page a form was sent from (path and query), when the Referer names this host and its path
 * passes the redirect rule (lib/redirect-target.ts); else null.
 */
export async function refererPath(): Promise<string | null> {
  const [h, { host }] = await Promise.all([headers(), requestFacts()]);
  return pathFromReferer(h.get("referer"), host);
}

/** Addresses a development or test machine is reached by: links to them can go nowhere else. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * This shop's origin, for links in messages: PUBLIC_URL when set (do set it in production).
 * Without it, the address the request used, but only when its host is localhost or one of
 * ALLOWED_HOSTS: the Host header is the client's to choose, and a link built from
 * `Host: evil.example` would send the shopper's single-use link to a stranger.
 * X-Forwarded-Host counts only behind a trusted proxy.
 */
export function linkOrigin(host: string, https: boolean): string {
  const configured = config().publicUrl;
  if (configured) return configured;
  const lower = host.toLowerCase();
  // Only a bare host[:port] (no path, user, fragment or spaces: the header is pasted into a link),
  // and only a local or an allowed one.
  const bare = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.exec(lower);
  const hostname = bare?.[1] ?? "";
  if (
    !bare ||
    !(LOCAL_HOSTS.has(hostname) || config().allowedHosts.includes(lower) || config().allowedHosts.includes(hostname))
  ) {
    throw new DomainError(
      "host_not_allowed",
      "Links can't be made for the address this request used. The shop's operator must set PUBLIC_URL (or list the host in ALLOWED_HOSTS).",
    );
  }
  return `${https ? "https" : "http"}://${lower}`;
}

/** The time of this request, read once: every component of one render shows the same moment. */
export const requestTime = cache((): number => Date.now());
