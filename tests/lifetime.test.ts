// The words for a session's limits and the time an e-mail states: pure rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mailTime } from "../lib/mail/time";
import { duration, guestLimits } from "../lib/session/lifetime";

test("durations read as a person says them", () => {
  assert.equal(duration(7_200), "2 hours");
  assert.equal(duration(3_600), "an hour");
  assert.equal(duration(86_400), "a day");
  assert.equal(duration(7 * 86_400), "7 days");
  assert.equal(duration(43_200), "12 hours");
  assert.equal(duration(120), "2 minutes");
  assert.equal(duration(150), "3 minutes");
});

test("a guest session's two limits are both named, from the settings", () => {
  assert.deepEqual(guestLimits(), { idle: "2 hours without activity", absolute: "a day after it started" });
});

test("an e-mail names the zone of the time it gives", () => {
  assert.match(mailTime(new Date("2027-01-07T14:05:00Z")), /^Thursday,? 7 January 2027 at 14:05 UTC$/);
});
