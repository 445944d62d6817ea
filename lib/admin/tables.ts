import { stringify } from "csv-stringify/sync";
import { formatMoney, type Money } from "../catalog/currency";
import { CTA_COPY } from "../journeys/experiments";
import type { Analytics } from "./analytics";

// The dashboard's tables, declared once: the page renders them and GET /api/admin/analytics.csv
// exports them. A cell has its words for the page and its plain value for a spreadsheet
// (numbers unformatted, shares as decimals, money in major units with the currency beside it).

export type Cell = { text: string; value: string | number };
export type Table = { caption: string; head: string[]; rows: Cell[][] };

export const TABLE_IDS = ["daily", "orders", "ab-test", "carts"] as const;
export type TableId = (typeof TABLE_IDS)[number];

const count = (n: number): Cell => ({ text: n.toLocaleString("en-US"), value: n });
const share = (x: number | null): Cell =>
  x === null ? { text: "—", value: "" } : { text: `${(x * 100).toFixed(1)}%`, value: Number(x.toFixed(4)) };
const money = (m: Money): Cell => ({ text: formatMoney(m), value: formatMoney(m).replace(/[^\d.-]/g, "") });
const word = (text: string): Cell => ({ text, value: text });
const of = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function dashboardTables(a: Analytics): Record<TableId, Table> {
  const range = `${a.range.from} to ${a.range.to}`;
  return {
    daily: {
      caption: `Day by day, ${range} (UTC)`,
      head: [
        "Day",
        "Guest journeys started",
        "Sign-ups",
        "Log-ins",
        "Converted to an account",
        "Orders by guests",
        "Converted to an order",
        "All orders",
        "Carts e-mailed",
        "Carts restored",
        "Carts abandoned",
      ],
      rows: a.daily.map((d) => [
        word(d.date),
        count(d.journeys),
        count(d.signups),
        count(d.logins),
        share(of(d.signups + d.logins, d.journeys)),
        count(d.guestOrders),
        share(of(d.guestOrders, d.journeys)),
        count(d.orders),
        count(d.emailed),
        count(d.restored),
        count(d.abandoned),
      ]),
    },
    orders: {
      caption: `Orders and revenue by currency, ${range}`,
      head: ["Currency", "Orders", "Revenue", "Average order value"],
      rows: a.orders.byCurrency.map((c) => [
        word(c.currency),
        count(c.orders),
        money(c.revenue),
        money(c.averageOrderValue),
      ]),
    },
    "ab-test": {
      caption: `A/B test ${a.abTest.experiment}: sign-ups after seeing the prompt, since the test began`,
      head: [
        "Variant",
        "Prompt",
        "Guests shown",
        "Signed up or logged in",
        "Conversion",
        "95% interval, low",
        "95% interval, high",
      ],
      rows: a.abTest.variants.map((v) => [
        word(v.variant),
        word(CTA_COPY[v.variant].button),
        count(v.sample),
        count(v.converted),
        share(v.sample > 0 ? v.rate : null),
        share(v.sample > 0 ? v.low : null),
        share(v.sample > 0 ? v.high : null),
      ]),
    },
    carts: {
      caption: `Carts, ${range}`,
      head: ["Carts", "Count", "Share"],
      rows: [
        [word("e-mailed with a restore link"), count(a.carts.emailed), share(null)],
        [
          word("restored from the e-mailed link"),
          count(a.carts.restored),
          share(of(a.carts.restored, a.carts.emailed)),
        ],
        [word("abandoned (the journey ended with items in the cart)"), count(a.carts.abandoned), share(null)],
      ],
    },
  };
}

/** A table as CSV (RFC 4180; a cell that a spreadsheet would run as a formula is quoted with a leading '). */
export function tableCsv(table: Table): string {
  const safe = (v: string | number) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return stringify([table.head, ...table.rows.map((row) => row.map((c) => safe(c.value)))], {
    record_delimiter: "\r\n",
  });
}
