import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConfigError, envSchema, parseConfig } from "../lib/config";
import { EARLY_SETTINGS, setting } from "../lib/settings.mjs";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "passerby-config-"));
const secret = "x".repeat(32);

test("defaults make a fresh clone work", () => {
  const dir = tmp();
  const c = parseConfig({ DATABASE_URL: `file:${dir}/shop.db`, SESSION_SECRET: secret });
  assert.equal(c.databaseUrl, `file:${dir}/shop.db`);
  assert.equal(c.port, 3000);
  assert.equal(c.guestSessionTtl, 86_400);
  assert.equal(c.userSessionTtl, 604_800);
  assert.deepEqual(c.rateLimits, {
    sessions: 20,
    sessionsPerHour: 100,
    cartWrites: 60,
    cartWritesPerIp: 300,
    logins: 10,
    signups: 5,
  });
  assert.deepEqual([c.guestRetentionDays, c.emptyGuestRetentionHours, c.viewRetentionDays], [30, 24, 14]);
  assert.deepEqual(c.allowedHosts, []);
  assert.deepEqual(c.log, { level: "info", file: null });
  assert.equal(c.trustProxy, false);
  assert.equal(c.anonPermissions, null);
  assert.equal(c.publicUrl, null);
});

test("PUBLIC_URL is kept without its trailing slash", () => {
  const c = parseConfig({
    DATABASE_URL: `file:${tmp()}/s.db`,
    SESSION_SECRET: secret,
    PUBLIC_URL: "https://shop.example/",
  });
  assert.equal(c.publicUrl, "https://shop.example");
});

test("a relative file: URL resolves against the working directory and its folder is created", () => {
  const dir = tmp();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const c = parseConfig({ DATABASE_URL: "file:./nested/data/shop.db", SESSION_SECRET: secret });
    assert.equal(c.databaseUrl, `file:${fs.realpathSync(dir)}/nested/data/shop.db`);
    assert.ok(fs.existsSync(path.join(dir, "nested", "data")));
  } finally {
    process.chdir(cwd);
  }
});

test("an unset SESSION_SECRET is generated once into the data folder and then reused", () => {
  const dir = tmp();
  const env = { DATABASE_URL: `file:${dir}/shop.db` };
  const first = parseConfig(env).sessionSecrets;
  const second = parseConfig(env).sessionSecrets;
  assert.equal(first.length, 1);
  assert.ok(first[0].length >= 32);
  assert.deepEqual(second, first);
  assert.equal(fs.readFileSync(path.join(dir, "session-secret"), "utf8"), first[0]);
});

test("several secrets rotate: the list keeps their order", () => {
  const c = parseConfig({ DATABASE_URL: `file:${tmp()}/s.db`, SESSION_SECRET: `${"a".repeat(32)}, ${"b".repeat(40)}` });
  assert.deepEqual(c.sessionSecrets, ["a".repeat(32), "b".repeat(40)]);
});

test("bad values stop start-up with a sentence naming the variable", () => {
  const base = { DATABASE_URL: `file:${tmp()}/s.db`, SESSION_SECRET: secret };
  const cases: [Record<string, string>, RegExp][] = [
    [{ SESSION_SECRET: "short" }, /SESSION_SECRET/],
    [{ GUEST_SESSION_TTL: "soon" }, /GUEST_SESSION_TTL/],
    [{ GUEST_IDLE_TIMEOUT: "60" }, /GUEST_IDLE_TIMEOUT must be at least 120 seconds/],
    [{ USER_IDLE_TIMEOUT: "60" }, /USER_IDLE_TIMEOUT must be at least 120 seconds/],
    [{ RATE_LIMIT_CART_WRITES_PER_MIN: "-1" }, /RATE_LIMIT_CART_WRITES_PER_MIN/],
    [{ PG_POOL_SIZE: "lots" }, /PG_POOL_SIZE/],
    [{ RATE_LIMIT_LOGINS_PER_MIN: "1000000000" }, /RATE_LIMIT_LOGINS_PER_MIN is invalid: Too big/],
    [{ TRUST_PROXY: "yes" }, /TRUST_PROXY is invalid: expected "true" or "false"/],
    [{ PORT: "70000" }, /PORT is invalid: expected a whole number from 1 to 65535/],
    [{ REDIS_URL: "localhost:6379" }, /REDIS_URL is invalid: expected a redis:\/\/ or rediss:\/\/ URL\.$/],
    [{ STOP_TIMEOUT_MS: "0" }, /STOP_TIMEOUT_MS is invalid/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ ADMIN_EMAIL: "admin@example.com" }, /ADMIN_PASSWORD/],
    [{ PUBLIC_URL: "shop.example" }, /PUBLIC_URL/],
    [{ GUEST_RETENTION_DAYS: "7" }, /GUEST_RETENTION_DAYS must be at least 14/],
    [{ GUEST_RETENTION_DAYS: "20", USER_SESSION_TTL: String(30 * 86_400) }, /cover USER_SESSION_TTL/],
  ];
  for (const [override, message] of cases) {
    assert.throws(
      () => parseConfig({ ...base, ...override }),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
    );
  }
});

// The preloads, next.config.ts and the cache handler read these through lib/settings.mjs before
// config.ts can be loaded: config.ts must list each of them, and both must read the same value.
test("every setting read before config.ts is validated by config.ts, with the same result", () => {
  const env = { PORT: "3301", REDIS_URL: "redis://127.0.0.1:6379", TRUST_PROXY: "true", STOP_TIMEOUT_MS: "2500" };
  const parsed = envSchema.parse(env) as Record<string, unknown>;
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  for (const name of Object.keys(EARLY_SETTINGS) as (keyof typeof EARLY_SETTINGS)[]) {
    assert.ok(name in envSchema.shape, `${name} is missing from envSchema`);
    assert.equal(parsed[name], setting(name, env), name);
    assert.equal(defaults[name], setting(name, {}), name);
  }
  assert.deepEqual(
    Object.keys(EARLY_SETTINGS).sort(),
    Object.keys(env).sort(),
    "a new early setting needs a value here",
  );
});

test("a blank early setting is unset; a bad one throws a ConfigError naming it", () => {
  assert.equal(setting("PORT", { PORT: " " }), 3000);
  assert.equal(setting("REDIS_URL", { REDIS_URL: "" }), null);
  assert.equal(setting("TRUST_PROXY", {}), false);
  assert.throws(
    () => setting("PORT", { PORT: "3000x" }),
    (e: unknown) => e instanceof ConfigError && /^PORT is invalid/.test(e.message),
  );
});
