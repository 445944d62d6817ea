// The dashboard's pure arithmetic with known values: intervals, the z-test, the enough-data rule,
// the date range, per-day figures from their keys, and CSV.
import assert from "node:assert/strict";
import { test } from "node:test";
import { abTest, dayFigures, ordersByCurrency } from "../lib/admin/analytics";
import { parseRange } from "../lib/admin/range";
import { enoughData, twoProportionPValue, wilsonInterval } from "../lib/admin/stats";
import { tableCsv } from "../lib/admin/tables";

const close = (actual: number | null, expected: number, digits = 4) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 10 ** -digits, `${actual} ≈ ${expected}`);

test("the Wilson interval matches published values, and stays within 0 and 1", () => {
  const ci = wilsonInterval(81, 263); // Wilson (1927) as worked on Wikipedia: 0.2553 to 0.3662
  close(ci.rate, 81 / 263);
  close(ci.low, 0.2553);
  close(ci.high, 0.3662);
  const none = wilsonInterval(0, 10);
  assert.equal(none.low, 0);
  close(none.high, 0.2775);
  const half = wilsonInterval(5, 10);
  close(half.low, 0.2366);
  close(half.high, 0.7634);
  assert.deepEqual(wilsonInterval(0, 0), { rate: 0, low: 0, high: 0 });
});

test("the two-proportion z-test's p-value, two-sided and pooled", () => {
  close(twoProportionPValue({ successes: 50, trials: 500 }, { successes: 80, trials: 500 }), 0.00479, 4);
  close(twoProportionPValue({ successes: 30, trials: 120 }, { successes: 45, trials: 130 }), 0.0974, 3);
  close(twoProportionPValue({ successes: 10, trials: 100 }, { successes: 10, trials: 100 }), 1);
  assert.equal(twoProportionPValue({ successes: 0, trials: 0 }, { successes: 1, trials: 5 }), null);
  assert.equal(twoProportionPValue({ successes: 0, trials: 50 }, { successes: 0, trials: 50 }), null);
});

test("not enough data below 100 guests a variant, or fewer than 10 sign-ups or 10 others in one", () => {
  assert.equal(
    enoughData([
      { successes: 10, trials: 100 },
      { successes: 90, trials: 100 },
    ]),
    true,
  );
  assert.equal(
    enoughData([
      { successes: 10, trials: 99 },
      { successes: 50, trials: 100 },
    ]),
    false,
  );
  assert.equal(
    enoughData([
      { successes: 9, trials: 500 },
      { successes: 50, trials: 500 },
    ]),
    false,
  );
  assert.equal(
    enoughData([
      { successes: 495, trials: 500 },
      { successes: 50, trials: 500 },
    ]),
    false,
  );
  const test = abTest({
    A: { exposed: 500, converted: 50, conversionRate: 0.1 },
    B: { exposed: 500, converted: 80, conversionRate: 0.16 },
  });
  assert.equal(test.enoughData, true);
  close(test.pValue, 0.00479);
  assert.deepEqual(
    test.variants.map((v) => [v.variant, v.sample, v.converted]),
    [
      ["A", 500, 50],
      ["B", 500, 80],
    ],
  );
});

test("the date range: the last 30 UTC days by default, both ends included; bad ranges name the field", () => {
  const now = new Date("2026-12-07T23:30:00Z");
  const range = parseRange({}, now);
  assert.equal(range.from, "2026-11-08");
  assert.equal(range.to, "2026-12-07");
  assert.equal(range.days.length, 30);
  assert.deepEqual(parseRange({ from: "2026-02-27", to: "2026-03-01" }, now).days, [
    "2026-02-27",
    "2026-02-28",
    "2026-03-01",
  ]);
  assert.equal(parseRange({ to: "2026-01-30" }, now).from, "2026-01-01");
  const fields = (input: { from?: string; to?: string }) => {
    try {
      parseRange(input, now);
      return null;
    } catch (error) {
      return (error as { details: { fields: Record<string, string> } }).details.fields;
    }
  };
  assert.deepEqual(Object.keys(fields({ from: "2026-02-30" })!), ["from"]);
  assert.deepEqual(Object.keys(fields({ from: "yesterday", to: "07/12/2026" })!), ["to", "from"]);
  assert.deepEqual(fields({ from: "2026-12-08", to: "2026-12-07" }), {
    from: "The start date must be on or before the end date.",
  });
  assert.deepEqual(fields({ from: "2025-01-01", to: "2026-12-07" }), { from: "Choose at most 400 days." });
});

test("a day's figures and the orders per currency come from the per-day keys", () => {
  const tallies = {
    "day:2026-12-01:started": 12,
    "day:2026-12-01:signup": 2,
    "day:2026-12-01:login": 1,
    "day:2026-12-01:orders:USD": 2,
    "day:2026-12-01:revenue:USD": 3001,
    "day:2026-12-01:orders:JPY": 1,
    "day:2026-12-01:revenue:JPY": 4500,
    "day:2026-12-01:guest-orders": 2,
    "day:2026-12-02:orders:USD": 1,
    "day:2026-12-02:revenue:USD": 1000,
    "day:2026-12-02:abandoned": 4,
  };
  assert.deepEqual(dayFigures(tallies, "2026-12-01"), {
    date: "2026-12-01",
    journeys: 12,
    signups: 2,
    logins: 1,
    guestOrders: 2,
    orders: 3,
    emailed: 0,
    restored: 0,
    abandoned: 0,
  });
  assert.deepEqual(ordersByCurrency(tallies, ["2026-12-01", "2026-12-02"]), [
    {
      currency: "USD",
      orders: 3,
      revenue: { amount: 4001, currency: "USD" },
      averageOrderValue: { amount: 1334, currency: "USD" },
    },
    {
      currency: "JPY",
      orders: 1,
      revenue: { amount: 4500, currency: "JPY" },
      averageOrderValue: { amount: 4500, currency: "JPY" },
    },
  ]);
});

test("CSV quotes what needs quoting and never hands a spreadsheet a formula", () => {
  const csv = tableCsv({
    caption: "x",
    head: ["Name", "Count"],
    rows: [
      [
        { text: "a, b", value: "a, b" },
        { text: "1", value: 1 },
      ],
      [
        { text: "=1+1", value: "=1+1" },
        { text: "2", value: 2 },
      ],
    ],
  });
  assert.equal(csv, `Name,Count\r\n"a, b",1\r\n'=1+1,2\r\n`);
});
