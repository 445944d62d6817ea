// .env.example is the settings' list a newcomer copies from: it must name every setting config.ts
// validates, with the default config.ts applies, and nothing config.ts has never heard of.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { envSchema } from "../lib/config";

const example = new Map(
  [...fs.readFileSync(".env.example", "utf8").matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
    ([, name = "", value = ""]) => [name, value],
  ),
);

test(".env.example names every setting config.ts validates, and no other", () => {
  const validated = Object.keys(envSchema.shape);
  assert.deepEqual(
    validated.filter((name) => !example.has(name)),
    [],
    "settings missing from .env.example",
  );
  assert.deepEqual(
    [...example.keys()].filter((name) => !validated.includes(name)),
    [],
    "unknown settings in .env.example",
  );
});

test("each default in .env.example is the default config.ts applies", () => {
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  for (const [name, value] of example) {
    if (value === "" || name === "DATABASE_URL") continue; // unset; the database default is resolved in database-url.ts
    assert.equal(String(defaults[name]), value, name);
  }
});
