// Every API route file answers the methods it implements and refuses every other one with
// refuseOtherMethods (lib/server/methods.ts), which must name exactly the implemented ones for its Allow.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { refuseOtherMethods } from "../lib/server/methods";
import { nth } from "./helpers/lists";

const ALL = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name === "[[...path]]") return []; // the catch-all 404 answers everything
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

test("each route refuses exactly the methods it does not implement, and names the ones it does", () => {
  const files = routeFiles("app/api");
  assert.ok(files.length >= 18);
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    const implemented = [...source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (m) => m[1],
    );
    const refused = source.match(/export const \{ ([A-Z, ]+) \} = refuseOtherMethods\(([^)]*)\);/);
    assert.ok(refused, `${file} refuses the other methods`);
    const named = [...nth(refused, 2).matchAll(/"([A-Z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      named.sort(),
      [...implemented].sort(),
      `${file}: refuseOtherMethods names what the file implements`,
    );
    const expected = ALL.filter((m) => !implemented.includes(m) && !(m === "HEAD" && implemented.includes("GET")));
    assert.deepEqual(
      nth(refused, 1)
        .split(",")
        .map((s) => s.trim())
        .sort(),
      expected.sort(),
      `${file}: every other method is refused`,
    );
  }
});

test("a refused method answers 405 JSON with Allow", async () => {
  const response = await refuseOtherMethods("GET").PUT(new Request("http://shop.test/api/cart", { method: "PUT" }));
  assert.equal(response.status, 405);
  assert.equal(response.headers.get("allow"), "GET, HEAD, OPTIONS");
  const body = await response.json();
  assert.equal(body.error.code, "method_not_allowed");
  assert.match(body.error.message, /\/api\/cart does not answer PUT/);
});
