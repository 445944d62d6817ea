// The per-e-mail delay of log-in throttling (lib/accounts/accounts.ts): nothing until failures reach the
// per-minute limit, then a delay that doubles and stops growing at a few seconds. The keying
// (per address and e-mail, per address, per e-mail) is proved end to end in e2e/behind-proxy.spec.ts.
import "./helpers/test-db";
import assert from "node:assert/strict";
import { test } from "node:test";
import { failureDelayMs } from "../lib/accounts/accounts";

test("no delay below the limit, then a doubling delay capped at 4 s", () => {
  assert.equal(failureDelayMs(0, 10), 0);
  assert.equal(failureDelayMs(9, 10), 0);
  assert.equal(failureDelayMs(10, 10), 250);
  assert.equal(failureDelayMs(11, 10), 500);
  assert.equal(failureDelayMs(13, 10), 2000);
  assert.equal(failureDelayMs(14, 10), 4000);
  assert.equal(failureDelayMs(99, 10), 4000);
});
