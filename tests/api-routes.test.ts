// The proxy's table of JSON routes (lib/api-routes.ts) against the route handlers on disk: every
// handler file is in the table with exactly the methods it exports, and nothing else is.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { allowedMethods, API_ROUTES } from "../lib/api-routes";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

test("the table lists every API route handler with exactly the methods it exports", () => {
  const onDisk: Record<string, string[]> = {};
  for (const file of routeFiles("app/api")) {
    const route = "/" + path.dirname(path.relative("app", file)).split(path.sep).join("/");
    const source = fs.readFileSync(file, "utf8");
    onDisk[route] = [...source.matchAll(/export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  }
  const table = Object.fromEntries(Object.entries(API_ROUTES).map(([route, methods]) => [route, [...methods]]));
  const sort = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).sort().map(([k, v]) => [k, [...v].sort()]));
  assert.deepEqual(sort(table), sort(onDisk));
});

test("a path answers its methods, HEAD with GET, and OPTIONS; unknown paths answer nothing", () => {
  assert.deepEqual(allowedMethods("/api/cart"), ["GET", "HEAD", "OPTIONS"]);
  assert.deepEqual(allowedMethods("/api/cart/items/prod_1"), ["PATCH", "DELETE", "OPTIONS"]);
  assert.deepEqual(allowedMethods("/api/cart/items/prod_1/"), ["PATCH", "DELETE", "OPTIONS"]);
  assert.equal(allowedMethods("/api/cart/items/a/b"), null);
  assert.equal(allowedMethods("/api/nothing-here"), null);
  assert.equal(allowedMethods("/api"), null);
});
