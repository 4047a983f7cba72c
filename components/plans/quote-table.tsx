import type { TierBreakdown } from "@/lib/plans/price-line";
import type { MoneyDto } from "@/lib/money/money-dto";
import { formatQuantity } from "@/lib/money/format-major";

type Line = { meter: { name: string; unit: string }; quantity: string; charge: MoneyDto; breakdown: TierBreakdown[] };

/** How a tier line reads: "Tier 2: 10,000 → 11,000 (1,000) = $0.50". */
export function breakdownText(b: TierBreakdown): string {
  const range = `${formatQuantity(b.fromUnits)} → ${formatQuantity(b.toUnits)} (${formatQuantity(b.quantity)})`;
  if (b.kind === "included") return `Included: ${range} free`;
  const packages = b.packages ? `, ${formatQuantity(b.packages)} package${b.packages === "1" ? "" : "s"}` : "";
  return `Tier ${(b.tierIndex ?? 0) + 1}: ${range}${packages} = ${b.amountFormatted}`;
}

/** Lines with their tier breakdown, then base fee, minimum top-up and total. */
export function QuoteTable({ quote }: { quote: { lines: Line[]; baseFee: MoneyDto; usage: MoneyDto; minimumTopUp?: MoneyDto; total: MoneyDto } }) {
  return (
    <table className="w-full text-sm" data-testid="quote">
      <tbody>
        {quote.lines.map((l) => (
          <tr key={l.meter.name} className="border-t border-slate-100 align-top">
            <td className="py-2 pr-4">
              <div className="font-medium">{l.meter.name}</div>
              <div className="text-slate-500">
                {formatQuantity(l.quantity)} {l.meter.unit}
              </div>
            </td>
            <td className="py-2 pr-4 text-slate-600">
              <ul>
                {l.breakdown.map((b, i) => (
                  <li key={i}>{breakdownText(b)}</li>
                ))}
              </ul>
            </td>
            <td className="py-2 text-right tabular-nums">{l.charge.formatted}</td>
          </tr>
        ))}
        <tr className="border-t border-slate-200">
          <td className="py-2" colSpan={2}>Base fee</td>
          <td className="py-2 text-right tabular-nums">{quote.baseFee.formatted}</td>
        </tr>
        {quote.minimumTopUp && quote.minimumTopUp.amountMinor > 0 && (
          <tr>
            <td className="py-2" colSpan={2}>Minimum spend top-up</td>
            <td className="py-2 text-right tabular-nums">{quote.minimumTopUp.formatted}</td>
          </tr>
        )}
        <tr className="border-t border-slate-300 font-semibold">
          <td className="py-2" colSpan={2}>Total</td>
          <td className="py-2 text-right tabular-nums" data-testid="quote-total">
            {quote.total.formatted}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
