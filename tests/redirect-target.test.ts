// The one rule for client-supplied redirect targets (lib/redirect-target.ts): every way a browser
// can be walked off the site from a "path" is refused; plain paths on this site pass unchanged.
import assert from "node:assert/strict";
import { test } from "node:test";
import { localPath, refererPath } from "../lib/redirect-target";

const REFUSED: [string, unknown][] = [
  ["protocol-relative", "//evil.example/x"],
  ["protocol-relative, three slashes", "///evil.example"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["backslash later in the path", "/cart\\..\\\\evil.example"],
  ["encoded slashes", "/%2F%2Fevil.example"],
  ["encoded slashes, lower case", "/%2f%2fevil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["encoded backslash, lower case", "/%5cevil.example"],
  ["double-encoded slash", "/%252F%252Fevil.example"],
  ["a tab between the slashes", "/\t/evil.example"],
  ["a newline between the slashes", "/\n/evil.example"],
  ["a carriage return between the slashes", "/\r/evil.example"],
  ["a leading space", " //evil.example"],
  ["a trailing newline (header splitting)", "/cart\r\nSet-Cookie: x=1"],
  ["a non-breaking space", "/\u00a0/evil.example"],
  ["Unicode look-alike slash", "/\u2215evil.example"],
  ["dot segment into //", "/.//evil.example"],
  ["dot-dot segment into //", "/a/..//evil.example"],
  ["encoded dot segment into //", "/%2e//evil.example"],
  ["absolute http URL", "http://evil.example/x"],
  ["absolute https URL", "https://evil.example"],
  ["scheme-relative with credentials", "//user:pass@evil.example"],
  ["javascript URL", "javascript:alert(1)"],
  ["data URL", "data:text/html,<script>alert(1)</script>"],
  ["scheme without slashes", "http:evil.example"],
  ["a bare host", "evil.example"],
  ["a relative path", "cart"],
  ["empty", ""],
  ["too long", `/${"a".repeat(2000)}`],
  ["not a string", 42],
  ["null", null],
  ["undefined", undefined],
];

for (const [name, target] of REFUSED) {
  test(`localPath refuses ${name}`, () => assert.equal(localPath(target), null));
}

const KEPT: [string, string][] = [
  ["/", "/"],
  ["/cart", "/cart"],
  ["/?category=kitchen", "/?category=kitchen"],
  ["/products/soy-candle?x=1#reviews", "/products/soy-candle?x=1#reviews"],
  ["/orders/ord_1%20a", "/orders/ord_1%20a"],
  ["/a/../cart", "/cart"],
];

for (const [target, kept] of KEPT) {
  test(`localPath keeps ${target}`, () => assert.equal(localPath(target), kept));
}

test("a Referer counts only when it is a URL of this host whose path passes the same rule", () => {
  const host = "localhost:3200";
  assert.equal(refererPath("http://localhost:3200/products/soy-candle?x=1", host), "/products/soy-candle?x=1");
  assert.equal(refererPath("https://LOCALHOST:3200/cart", host), "/cart");
  // The hole: this host, but a path browsers read as another host.
  assert.equal(refererPath("http://localhost:3200//evil.example/x", host), null);
  assert.equal(refererPath("http://localhost:3200/%2F%2Fevil.example/x", host), null);
  assert.equal(refererPath("http://localhost:3200/.//evil.example", host), null);
  assert.equal(refererPath("http://localhost:3200/\\evil.example", host), null);
  // Other origins, and what is not a web URL.
  assert.equal(refererPath("http://evil.example/cart", host), null);
  assert.equal(refererPath("http://localhost:3201/cart", host), null);
  assert.equal(refererPath("http://localhost:3200.evil.example/cart", host), null);
  assert.equal(refererPath("http://user:pw@localhost:3200/cart", host), null);
  assert.equal(refererPath("ftp://localhost:3200/cart", host), null);
  assert.equal(refererPath("/cart", host), null);
  assert.equal(refererPath("not a url", host), null);
  assert.equal(refererPath(null, host), null);
  assert.equal(refererPath("http://localhost:3200/cart", ""), null);
});
