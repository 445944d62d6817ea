// Rate limits count a client by its network: IPv4 as it is, IPv6 by its /64.
import assert from "node:assert/strict";
import { test } from "node:test";
import { networkOf } from "../lib/request";

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
