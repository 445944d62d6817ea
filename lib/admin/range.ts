import { fieldsRefused } from "../errors";

// The dashboard's date range: whole UTC days, `from` and `to` both included, as the /admin form
// and GET /api/admin/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD take them. Pure.

export type DateRange = { from: string; to: string; days: string[] };
export type RangeInput = { from?: string | null; to?: string | null };

export const DEFAULT_RANGE_DAYS = 30;
/** A little over a year: the figures are per-day totals, so a longer range costs only its length. */
export const MAX_RANGE_DAYS = 400;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Milliseconds at the start of a YYYY-MM-DD day (UTC), or null for anything that is not a real date. */
function dayStart(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || iso(ms) !== text ? null : ms;
}

/**
 * The range the admin asked for; a missing end defaults (to: today, from: 29 days before `to`).
 * Refuses, naming each field, a date that is not YYYY-MM-DD, an end before the start, or a range
 * longer than MAX_RANGE_DAYS.
 */
export function parseRange(input: RangeInput, now: Date): DateRange {
  const problems: Record<string, string> = {};
  const toText = input.to?.trim() || iso(now.getTime());
  const to = dayStart(toText);
  if (to === null) problems.to = "Enter the end date as YYYY-MM-DD, e.g. 2026-12-07.";
  const fromText = input.from?.trim() || (to === null ? "" : iso(to - (DEFAULT_RANGE_DAYS - 1) * DAY));
  const from = dayStart(fromText);
  if (from === null) problems.from = "Enter the start date as YYYY-MM-DD, e.g. 2026-11-08.";
  if (from !== null && to !== null) {
    if (from > to) problems.from = "The start date must be on or before the end date.";
    else if ((to - from) / DAY + 1 > MAX_RANGE_DAYS) problems.from = `Choose at most ${MAX_RANGE_DAYS} days.`;
  }
  if (Object.keys(problems).length > 0 || from === null || to === null) throw fieldsRefused("invalid_input", problems);
  const count = (to - from) / DAY + 1;
  return { from: fromText, to: toText, days: Array.from({ length: count }, (_, i) => iso(from + i * DAY)) };
}
