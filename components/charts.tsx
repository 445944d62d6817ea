// Server-rendered charts for the admin dashboard: no chart library, no script, plain HTML boxes
// (text in a scaled SVG would shrink below 12 px on a phone). Each chart is a <figure> with a
// caption, one image with a text summary for screen readers, and the numbers written next to
// the bars so nobody has to guess from lengths.

import { Fragment } from "react";

type Bar = { label: string; value: number; note?: string };

const COLORS = ["#245540", "#2f6b4f", "#5b9a7a", "#9cc5ad", "#c9ddd0"];

export function BarChart({ title, bars, caption }: { title: string; bars: Bar[]; caption?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const summary = bars.map((b) => `${b.label}: ${b.value}${b.note ? ` (${b.note})` : ""}`).join("; ");
  return (
    <figure className="rounded-xl border border-stone-200 bg-white p-5">
      <figcaption className="mb-3">
        <span className="block font-semibold">{title}</span>
        {caption && <span className="block text-sm text-stone-500">{caption}</span>}
      </figcaption>
      {/* Text in HTML, not in a scaled SVG: it stays at 14 px on a phone. */}
      <div
        role="img"
        aria-label={`${title}. ${summary}`}
        className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] items-center gap-x-3 gap-y-2 text-sm"
      >
        {bars.map((b, i) => (
          <Fragment key={b.label}>
            <span className="text-stone-700">{b.label}</span>
            <span className="flex min-w-0 items-center gap-2">
              <span
                className="h-5 rounded"
                style={{ width: `${Math.max(1, (b.value / max) * 70)}%`, background: COLORS[i % COLORS.length] }}
              />
              <span className="min-w-0 font-semibold text-stone-900">
                {b.value}
                {b.note ? ` · ${b.note}` : ""}
              </span>
            </span>
          </Fragment>
        ))}
      </div>
    </figure>
  );
}

type Day = { date: string; values: [number, number] };

/** Two columns a day (e.g. guest journeys started, and those that became accounts), named by `legend`. */
export function DailyChart({ title, days, legend }: { title: string; days: Day[]; legend: [string, string] }) {
  const max = Math.max(1, ...days.map((d) => Math.max(...d.values)));
  const summary = days
    .filter((d) => d.values[0] || d.values[1])
    .map((d) => `${d.date}: ${d.values[0]} ${legend[0]}, ${d.values[1]} ${legend[1]}`)
    .join("; ");
  const columns = { gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))` };
  const pct = (n: number) => `${(n / max) * 100}%`;
  // A label every other day, or fewer on a long range, so they never overlap.
  const every = Math.max(2, Math.ceil(days.length / 15));
  return (
    <figure className="rounded-xl border border-stone-200 bg-white p-5">
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold">{title}</span>
        <span className="flex flex-wrap gap-3 text-sm text-stone-600">
          {legend.map((label, i) => (
            <span key={label}>
              <span
                aria-hidden
                className="mr-1 inline-block h-3 w-3 rounded-sm"
                style={{ background: COLORS[i === 0 ? 3 : 0] }}
              />
              {label}
            </span>
          ))}
        </span>
      </figcaption>
      <div role="img" aria-label={`${title}. ${summary || "No activity yet."}`} className="text-xs">
        {/* The day's count over its column on wider screens; on a phone the columns are too narrow for it. */}
        <div className="grid h-40 items-end gap-x-px border-b border-stone-300" style={columns}>
          {days.map((d) => (
            <div key={d.date} className="flex h-full min-w-0 flex-col justify-end">
              {d.values[0] > 0 && days.length <= 31 && (
                <span className="hidden text-center text-stone-700 lg:block">{d.values[0]}</span>
              )}
              <div className="flex h-[calc(100%-1.25rem)] items-end justify-center gap-px">
                <span className="w-1/3 min-w-px" style={{ height: pct(d.values[0]), background: COLORS[3] }} />
                <span className="w-1/3 min-w-px" style={{ height: pct(d.values[1]), background: COLORS[0] }} />
              </div>
            </div>
          ))}
        </div>
        <div className="mt-1 grid gap-x-px text-stone-600" style={columns}>
          {days.map((d, i) => (
            <span key={d.date} className="flex min-w-0 justify-center overflow-visible whitespace-nowrap">
              {(days.length - 1 - i) % every === 0 ? d.date.slice(5) : ""}
            </span>
          ))}
        </div>
      </div>
    </figure>
  );
}
