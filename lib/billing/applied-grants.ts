import { formatMinor } from "@/lib/money/format";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { InvoiceLineDto } from "./invoice-dto";
import type { AppliedGrant } from "./invoice-types";

/** Which grants paid the invoice's credits applied, for display: "Trial credits (trial)" and the amount. */
export function appliedGrants(
  lines: readonly InvoiceLineDto[],
  currency: CurrencyCode,
): { label: string; amount: string }[] {
  const line = lines.find((l) => l.kind === "CREDITS_APPLIED");
  const details = line?.details as { grants?: AppliedGrant[] } | undefined;
  return (details?.grants ?? []).map((g) => ({
    label: g.grantId
      ? `${g.description || "Credits"} (${g.kind.toLowerCase().replace("_", " ")})`
      : g.description,
    amount: formatMinor(BigInt(g.amountMinor), currency),
  }));
}
