import type { InvoiceLineDto } from "@/lib/billing/invoice-dto";
import type { UsageDetails } from "@/lib/billing/invoice-types";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMajor, formatQuantity } from "@/lib/money/format-major";
import type { TierBreakdown } from "@/lib/plans/price-line";

/** How one tier of a usage line reads: "Tier 2: 1,000 × $0.0005 = $0.50", or "1,000 tokens included". */
export function tierText(b: TierBreakdown, unit: string, currency: CurrencyCode): string {
  if (b.kind === "included") return `${formatQuantity(b.quantity)} ${unit} included`;
  const units = b.packages
    ? `${formatQuantity(b.packages)} package${b.packages === "1" ? "" : "s"}`
    : formatQuantity(b.quantity);
  const flat = b.flatFee !== "0" ? ` + ${formatMajor(b.flatFee, currency)} flat` : "";
  return `Tier ${(b.tierIndex ?? 0) + 1}: ${units} × ${formatMajor(b.unitPrice, currency)}${flat} = ${b.amountFormatted}`;
}

function usageDetails(line: InvoiceLineDto): UsageDetails | null {
  return line.kind === "USAGE" &&
    line.details &&
    typeof line.details === "object" &&
    "breakdown" in line.details
    ? (line.details as UsageDetails)
    : null;
}

/** An invoice's charge lines (credits applied are shown in the totals); usage lines show their tier-by-tier breakdown (`detailed`) or only their charge. */
export function InvoiceLines({
  lines,
  currency,
  detailed = true,
}: {
  lines: InvoiceLineDto[];
  currency: CurrencyCode;
  detailed?: boolean;
}) {
  const charges = lines.filter((l) => l.kind !== "CREDITS_APPLIED");
  if (charges.length === 0) return <p className="text-sm text-slate-500">No charges in this period.</p>;
  return (
    <table className="w-full text-sm" data-testid="invoice-lines">
      <tbody>
        {charges.map((l, i) => {
          const usage = detailed ? usageDetails(l) : null;
          return (
            <tr key={i} className="border-t border-slate-100 align-top" data-testid="invoice-line">
              <td className="py-2 pr-4">
                <div className="font-medium">{l.description}</div>
                {usage && (
                  <ul className="mt-1 text-xs text-slate-500" data-testid="invoice-line-tiers">
                    {l.includedUnits &&
                      l.includedUnits !== "0" &&
                      !usage.breakdown.some((b) => b.kind === "included") && (
                        <li>
                          {formatQuantity(l.includedUnits)} {usage.unit} free each period
                        </li>
                      )}
                    {usage.breakdown.map((b, j) => (
                      <li key={j}>{tierText(b, usage.unit, currency)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-2 text-right tabular-nums">{l.amount.formatted}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
