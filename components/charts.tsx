// Server-rendered SVG charts for the admin dashboard: no chart library, no script. Each chart
// is a <figure> with a caption, an SVG with a text summary for screen readers, and the numbers
// written next to the bars so nobody has to guess from lengths.

type Bar = { label: string; value: number; note?: string };

const COLORS = ["#245540", "#2f6b4f", "#5b9a7a", "#9cc5ad", "#c9ddd0"];

export function BarChart({ title, bars, caption }: { title: string; bars: Bar[]; caption?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 34;
  const labelWidth = 150;
  const width = 520;
  // Room after the longest bar for its number and note (about 7.5 units a character at 13 px).
  const textRoom = Math.max(...bars.map((b) => `${b.value}${b.note ? ` · ${b.note}` : ""}`.length)) * 7.5 + 16;
  const barSpace = width - labelWidth - textRoom;
  const summary = bars.map((b) => `${b.label}: ${b.value}${b.note ? ` (${b.note})` : ""}`).join("; ");
  return (
    <figure className="rounded-xl border border-stone-200 bg-white p-5">
      <figcaption className="mb-3">
        <span className="block font-semibold">{title}</span>
        {caption && <span className="block text-sm text-stone-500">{caption}</span>}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${bars.length * rowHeight}`} role="img" aria-label={`${title}. ${summary}`} className="w-full">
        {bars.map((b, i) => {
          const y = i * rowHeight;
          const w = Math.max(2, (b.value / max) * barSpace);
          return (
            <g key={b.label}>
              <text x={0} y={y + 21} fontSize="13" fill="#44403c">{b.label}</text>
              <rect x={labelWidth} y={y + 6} width={w} height={22} rx={4} fill={COLORS[i % COLORS.length]} />
              <text x={labelWidth + w + 8} y={y + 21} fontSize="13" fontWeight="600" fill="#1c1917">
                {b.value}{b.note ? ` · ${b.note}` : ""}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

type Day = { date: string; guestSessions: number; converted: number };

/** Two columns a day: guest sessions started, and guests who became accounts. */
export function DailyChart({ title, days }: { title: string; days: Day[] }) {
  const max = Math.max(1, ...days.map((d) => Math.max(d.guestSessions, d.converted)));
  const width = 520;
  const height = 180;
  const plot = height - 30;
  const slot = width / days.length;
  const bar = Math.max(3, slot / 3);
  const summary = days.filter((d) => d.guestSessions || d.converted).map((d) => `${d.date}: ${d.guestSessions} guests, ${d.converted} converted`).join("; ");
  return (
    <figure className="rounded-xl border border-stone-200 bg-white p-5">
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold">{title}</span>
        <span className="flex gap-3 text-sm text-stone-600">
          <span><span aria-hidden className="mr-1 inline-block h-3 w-3 rounded-sm" style={{ background: COLORS[3] }} />guest sessions</span>
          <span><span aria-hidden className="mr-1 inline-block h-3 w-3 rounded-sm" style={{ background: COLORS[0] }} />converted to accounts</span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary || "No activity yet."}`} className="w-full">
        <line x1={0} y1={plot} x2={width} y2={plot} stroke="#d6d3d1" />
        {days.map((d, i) => {
          const x = i * slot + slot / 2 - bar;
          const h1 = (d.guestSessions / max) * (plot - 16);
          const h2 = (d.converted / max) * (plot - 16);
          return (
            <g key={d.date}>
              <rect x={x} y={plot - h1} width={bar} height={h1} fill={COLORS[3]} />
              <rect x={x + bar} y={plot - h2} width={bar} height={h2} fill={COLORS[0]} />
              {d.guestSessions > 0 && <text x={x + bar / 2} y={plot - h1 - 3} fontSize="10" textAnchor="middle" fill="#44403c">{d.guestSessions}</text>}
              {(days.length - 1 - i) % 2 === 0 && (
                <text x={i * slot + slot / 2} y={height - 8} fontSize="10" textAnchor="middle" fill="#78716c">{d.date.slice(5)}</text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
