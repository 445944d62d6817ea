// What the server reads off a request: rate limits count a client by its network (IPv4 as it
// is, IPv6 by its /64), and the Origin rule tells another site's request from this one's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { networkOf } from "../lib/limits/network";
import { crossSite } from "../lib/origin.mjs";

test("IPv4 and IPv4-mapped addresses count as themselves", () => {
  assert.equal(networkOf("203.0.113.7"), "203.0.113.7");
  assert.equal(networkOf("::ffff:203.0.113.7"), "203.0.113.7");
});

test("IPv6 addresses of one /64 count as one client, however they are written", () => {
  const a = networkOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
  assert.equal(a, "2001:db8:1:2::/64");
  assert.equal(networkOf("2001:0db8:0001:0002::1"), a);
  assert.equal(networkOf("2001:DB8:1:2::ffff%eth0"), a);
  assert.notEqual(networkOf("2001:db8:1:3::1"), a);
  assert.equal(networkOf("::1"), "0:0:0:0::/64");
});

test("a request is cross-site when its Origin names another host, or an opaque one; without an Origin it is not", () => {
  assert.equal(crossSite("http://localhost:3000", "localhost:3000"), false);
  assert.equal(crossSite(undefined, "localhost:3000"), false);
  assert.equal(crossSite(null, "localhost:3000"), false);
  assert.equal(crossSite("https://evil.example", "localhost:3000"), true);
  assert.equal(crossSite("http://localhost:3001", "localhost:3000"), true);
  assert.equal(crossSite("null", "localhost:3000"), true);
  assert.equal(crossSite("not a url", "localhost:3000"), true);
});
