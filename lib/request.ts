import { headers } from "next/headers";
import { cache } from "react";
import { config } from "./config";
import { DomainError } from "./errors";

// What the server knows about the caller's connection, for rate limits and cookie flags.
// `npm start` preloads scripts/http-guard.cjs, which writes the socket address into
// X-Forwarded-For unless TRUST_PROXY=true (Next's App Router exposes no socket address, and
// `next start` keeps a client-sent X-Forwarded-For as it is, so a client could pick its own).

/** The client's IP address: with TRUST_PROXY, the address the nearest proxy appended. */
export async function clientIp(): Promise<string> {
  const forwarded = (await headers()).get("x-forwarded-for") ?? "";
  const hops = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return "unknown";
  return config().trustProxy ? hops[hops.length - 1] : hops[0];
}

/**
 * The address as rate limits count it: IPv4 as it is (also IPv4-mapped IPv6), IPv6 by its /64,
 * since one client commonly holds a whole /64 and could otherwise take a new address per request.
 */
export function networkOf(ip: string): string {
  const address = ip.replace(/%.*$/, "").toLowerCase(); // no zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(":")) return address;
  const [head, tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(":")}::/64`;
}

/** The client's network for rate limits (see networkOf). */
export const clientNetwork = async () => networkOf(await clientIp());

/** Whether the cookie should be `Secure`: forced by COOKIE_SECURE, or the request was https. */
export async function secureCookies(): Promise<boolean> {
  const setting = config().cookieSecure;
  if (setting !== "auto") return setting === "true";
  return (await headers()).get("x-forwarded-proto") === "https";
}

/** The Origin check for mutating JSON requests: a foreign Origin is refused. */
export async function sameOrigin(): Promise<boolean> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin) return true; // non-browser clients send none; browsers always send it on POST/PUT/PATCH/DELETE
  const host = (config().trustProxy ? h.get("x-forwarded-host") : null) ?? h.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
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
export async function requestOrigin(): Promise<string> {
  const configured = config().publicUrl;
  if (configured) return configured;
  const h = await headers();
  const host = ((config().trustProxy ? h.get("x-forwarded-host") : null) ?? h.get("host") ?? "").toLowerCase();
  // Only a bare host[:port] (no path, user, fragment or spaces: the header is pasted into a link),
  // and only a local or an allowed one.
  const bare = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.exec(host);
  const hostname = bare?.[1] ?? "";
  if (!bare || !(LOCAL_HOSTS.has(hostname) || config().allowedHosts.includes(host) || config().allowedHosts.includes(hostname))) {
    throw new DomainError(
      "host_not_allowed",
      "Links can't be made for the address this request used. The shop's operator must set PUBLIC_URL (or list the host in ALLOWED_HOSTS).",
    );
  }
  return `${(await secureCookies()) ? "https" : "http"}://${host}`;
}

/** The time of this request, read once: every component of one render shows the same moment. */
export const requestTime = cache((): number => Date.now());
