import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { getPlanVersion } from "./get-plan-version";
import { priceLine } from "./price-line";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { priceLineDto, type PriceLineDto } from "./quote-dto";
import { MAX_QUANTITY_DECIMALS } from "./version-input";
import { parseNumberInput } from "@/lib/numbers/parse-number-input";

/** A quantity as typed ("20,000,000", "2.5"), read by the same parser as the plan editor's fields. */
const quantityText = z
  .string()
  .max(64, "quantity is too long")
  .transform((t, ctx) => {
    const parsed = parseNumberInput(t, { maxDecimals: MAX_QUANTITY_DECIMALS });
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `quantity ${parsed.message}` });
      return z.NEVER;
    }
    if (parsed.value.split(".")[0].length > 24) {
      ctx.addIssue({ code: "custom", message: "quantity may have at most 24 digits before the decimal point" });
      return z.NEVER;
    }
    return parsed.value;
  });

const quoteInput = z.strictObject({ quantities: z.record(z.string(), quantityText) });

export type Quote = {
  versionId: string;
  lines: ({
    meterId: string;
    meter: { key: string; name: string; unit: string };
    price: string;
  } & PriceLineDto)[];
  baseFee: MoneyDto;
  usage: MoneyDto;
  /** What the minimum spend adds when base fee + usage stay under it. */
  minimumTopUp: MoneyDto;
  total: MoneyDto;
};

/**
 * The price calculator: what a period with these quantities (per meter id; missing = 0) costs on a
 * version, with each line's tier breakdown, priced by the same engine as rating. Each line is rounded
 * once (half-even); the totals add rounded lines.
 */
export async function quotePlanVersion(actor: Actor, versionId: string, input: unknown): Promise<Quote> {
  assertAdmin(actor);
  const { quantities } = quoteInput.parse(input);
  const version = await getPlanVersion(actor, versionId);
  const { currency } = version;
  const lines = version.prices.map((p) => {
    const line = priceLine(p.model, quantities[p.meterId] ?? "0", currency);
    return {
      meterId: p.meterId,
      meter: p.meter,
      price: p.description.summary,
      ...priceLineDto(line, currency),
    };
  });
  const baseFee = BigInt(version.baseFeeMinor);
  const usage = lines.reduce((sum, l) => sum + BigInt(l.charge.amountMinor), 0n);
  const minimum = BigInt(version.minimumSpendMinor);
  const topUp = baseFee + usage < minimum ? minimum - baseFee - usage : 0n;
  return {
    versionId,
    lines,
    baseFee: moneyDto(baseFee, currency),
    usage: moneyDto(usage, currency),
    minimumTopUp: moneyDto(topUp, currency),
    total: moneyDto(baseFee + usage + topUp, currency),
  };
}
