// The per-e-mail delay of log-in throttling (lib/accounts/accounts.ts): nothing until failures reach the
// per-minute limit, then a delay that doubles and stops growing at a few seconds; and the
// per-account cap holding under a concurrent burst. The keying (per address and e-mail, per
// address, per e-mail) is proved end to end in e2e/behind-proxy.spec.ts.
import "./helpers/test-db";
import { account, PASSWORD, uniqueEmail } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { failureDelayMs, logIn } from "../lib/accounts/accounts";
import { config } from "../lib/config";
import { DomainError } from "../lib/errors";
import { hitsThisWindow } from "../lib/limits/rate-limit";

test("no delay below the limit, then a doubling delay capped at 4 s", () => {
  assert.equal(failureDelayMs(0, 10), 0);
  assert.equal(failureDelayMs(9, 10), 0);
  assert.equal(failureDelayMs(10, 10), 250);
  assert.equal(failureDelayMs(11, 10), 500);
  assert.equal(failureDelayMs(13, 10), 2000);
  assert.equal(failureDelayMs(14, 10), 4000);
  assert.equal(failureDelayMs(99, 10), 4000);
});

test("a burst of wrong log-ins for one account from 15 networks: at most the per-account cap reach the password check", async () => {
  const perMinute = config().rateLimits.logins;
  const cap = perMinute * 10;
  const email = uniqueEmail("burst");
  await account({ email });
  // Every attempt arrives at the same moment, so all of them count in one window.
  const at = new Date();
  const request = (ip: string) => Object.assign(testContext(null, { ip }), { now: at });

  // perMinute attempts from each network: every one of them passes the per-address limits.
  const networks = Array.from({ length: 15 }, (_, i) => `198.51.100.${100 + i}`);
  const attempts = networks.flatMap((ip) =>
    Array.from({ length: perMinute }, (_, j) => logIn(request(ip), { email, password: `wrong guess ${ip} ${j}` })),
  );
  const outcomes = await Promise.allSettled(attempts);
  const codes = outcomes.map((o) =>
    o.status === "rejected" && o.reason instanceof DomainError ? o.reason.code : String(o.status),
  );
  const count = (code: string) => codes.filter((c) => c === code).length;

  // invalid_credentials is only said after Argon2 checked the password.
  assert.equal(count("invalid_credentials"), cap, "exactly the cap was checked against the hash");
  assert.equal(count("rate_limited"), attempts.length - cap, "the rest were refused before the check");

  // The owner, elsewhere, is paused for the rest of the minute too (the cap is the account's).
  await assert.rejects(logIn(request("192.0.2.50"), { email, password: PASSWORD }), refused("rate_limited"));
});

test("the right password gives its reservation back: the owner's log-ins never count as failures", async () => {
  const email = uniqueEmail("owner");
  await account({ email });
  const at = new Date();
  const request = (ip: string) => Object.assign(testContext(null, { ip }), { now: at });
  for (let i = 0; i < 3; i++) await logIn(request(`192.0.2.${60 + i}`), { email, password: PASSWORD });
  await assert.rejects(
    logIn(request("192.0.2.70"), { email, password: "not the password" }),
    refused("invalid_credentials"),
  );
  assert.equal(
    await hitsThisWindow("login_failures", email, at.getTime()),
    1,
    "one failure counted, the three successes not",
  );
});
