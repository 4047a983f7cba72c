import type { GrantDto } from "@/lib/ledger/credit-dto";
import { DataTable } from "@/components/ui/data-table";
import { formatDay } from "@/lib/dates/format-date";

export const GRANT_KIND_LABELS: Record<GrantDto["kind"], string> = {
  PURCHASE: "Purchase",
  TRIAL: "Trial",
  PROMOTIONAL: "Promotional",
  ADJUSTMENT: "Adjustment",
  AUTO_RECHARGE: "Auto-recharge",
};

const date = formatDay;

/**
 * Credits left, in the order usage spends them (soonest expiry first). The member reads "Your credits"; an
 * admin (`customerName` given) reads the customer's name and is pointed at the grant form.
 */
export function GrantsTable({ grants, customerName }: { grants: GrantDto[]; customerName?: string }) {
  const admin = customerName !== undefined;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">{admin ? `Open grants of ${customerName}` : "Your credits"}</h2>
      <p className="text-sm text-slate-500">
        {admin ? "Usage spends the grants that expire soonest first." : "Usage spends the credits that expire soonest first."}
      </p>
      {grants.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          {admin
            ? `${customerName} has no credits left. Grant credits below, or the customer can buy a pack on their Credits page.`
            : "No credits left. Buy a pack above to keep using the service."}
        </p>
      ) : (
        <DataTable columns={["Credits", "Kind", { label: "Left", align: "right" }, { label: "Of", align: "right" }, { label: "Expires", align: "right" }]} variant="plain" className="mt-3" testId="credit-grants">
          {grants.map((g) => (
            <tr key={g.id} className="border-t border-slate-100">
              <td className="py-2">{g.description || GRANT_KIND_LABELS[g.kind]}</td>
              <td className="py-2 text-slate-600">{GRANT_KIND_LABELS[g.kind]}</td>
              <td className="py-2 text-right tabular-nums">{g.remaining.formatted}</td>
              <td className="py-2 text-right tabular-nums text-slate-500">{g.amount.formatted}</td>
              <td className="py-2 text-right">{g.expiresAt ? date(g.expiresAt) : "Never"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
