import type { ReactNode } from "react";

/** A header cell: its label, right-aligned for figures. */
export type Column = string | { label: ReactNode; align: "right" };

const VARIANTS = {
  /** Admin lists: a bordered card with a shaded header row. */
  boxed: { table: "w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm", head: "bg-slate-50 text-left text-slate-500", cell: "px-4 py-2" },
  /** A table inside a portal card. */
  plain: { table: "w-full text-sm", head: "text-left text-slate-500", cell: "py-1" },
} as const;

/** The app's table: one header row of `columns`; the body rows (<tr> elements) are the children. */
export function DataTable({ columns, variant = "boxed", className, testId, children }: { columns: Column[]; variant?: keyof typeof VARIANTS; className?: string; testId?: string; children: ReactNode }) {
  const v = VARIANTS[variant];
  return (
    <table className={className ? `${className} ${v.table}` : v.table} data-testid={testId}>
      <thead className={v.head}>
        <tr>
          {columns.map((c, i) =>
            typeof c === "string" ? (
              <th key={i} className={v.cell}>
                {c}
              </th>
            ) : (
              <th key={i} className={`${v.cell} text-right`}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
