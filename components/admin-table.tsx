import type { Table } from "@/lib/admin/tables";

/**
 * One of the dashboard's tables (lib/admin/tables.ts) with its caption, column headers and the
 * first cell of each row as the row's header, and a link to download it as CSV. A wide table
 * scrolls sideways inside a focusable region, so the page never does and a keyboard can reach it.
 */
export function AdminTable({ id, table, csvHref }: { id: string; table: Table; csvHref: string }) {
  return (
    <div className="min-w-0 space-y-2 rounded-xl border border-stone-200 bg-white p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-caption`} className="font-semibold">
          {table.caption}
        </h3>
        <a
          href={csvHref}
          download
          aria-label={`Download CSV: ${table.caption}`}
          className="text-sm font-medium text-brand-700 underline"
        >
          Download CSV
        </a>
      </div>
      <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{table.caption}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              {table.head.map((h) => (
                <th key={h} scope="col" className="px-2 py-1 align-bottom font-medium text-stone-700">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={table.head.length} className="px-2 py-2 text-stone-600">
                  Nothing in this range.
                </td>
              </tr>
            )}
            {table.rows.map((row) => (
              <tr key={String(row[0]?.value)} className="border-b border-stone-100">
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="px-2 py-1 font-medium whitespace-nowrap">
                      {cell.text}
                    </th>
                  ) : (
                    <td key={i} className="px-2 py-1 tabular-nums">
                      {cell.text}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
