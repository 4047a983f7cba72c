import type Decimal from "decimal.js";
import { z } from "zod";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "./price-model";

/** Non-negative plain decimal text: "0", "7", "0.0000025". No sign, exponent, spaces or leading zeros. */
const DECIMAL_STRING = /^(0|[1-9]\d*)(\.\d+)?$/;
/** Significant digits allowed in a model's numbers, so a price × quantity product stays exact. */
export const MAX_MODEL_DIGITS = 20;
export const MAX_TIERS = 50;

function decimalString(what: string) {
  return z.string().superRefine((text, ctx) => {
    if (text.trim().startsWith("-")) {
      ctx.addIssue({ code: "custom", message: `${what} must not be negative` });
    } else if (!DECIMAL_STRING.test(text)) {
      ctx.addIssue({ code: "custom", message: `${what} must be a decimal string like "0.0025" (digits and one dot only)` });
    } else if (new MoneyDecimal(text).sd() > MAX_MODEL_DIGITS) {
      ctx.addIssue({ code: "custom", message: `${what} has more than ${MAX_MODEL_DIGITS} significant digits` });
    }
  });
}

const includedUnits = decimalString("includedUnits").optional();

const tierSchema = z.strictObject({
  upTo: decimalString("upTo").nullable(),
  unitPrice: decimalString("unitPrice"),
  flatFee: decimalString("flatFee").optional(),
});

const tiersSchema = z
  .array(tierSchema)
  .min(1, "at least one tier is required")
  .max(MAX_TIERS, `at most ${MAX_TIERS} tiers`)
  .superRefine((tiers, ctx) => {
    let previous: Decimal | null = null;
    tiers.forEach((tier, i) => {
      const last = i === tiers.length - 1;
      const issue = (message: string) => ctx.addIssue({ code: "custom", message, path: [i, "upTo"] });
      if (tier.upTo === null) {
        if (!last) issue("only the last tier may be unbounded (upTo: null)");
        return;
      }
      if (last) issue("the last tier must be unbounded (upTo: null)");
      if (!DECIMAL_STRING.test(tier.upTo)) return;
      const upTo = new MoneyDecimal(tier.upTo);
      if (upTo.lte(0)) issue("upTo must be greater than 0");
      else if (previous && upTo.lte(previous)) issue(`tiers must ascend strictly: upTo ${tier.upTo} is not above the previous tier's ${previous.toString()}`);
      previous = upTo;
    });
  });

export const priceModelSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("per_unit"), unitPrice: decimalString("unitPrice"), includedUnits }),
  z.strictObject({
    kind: z.literal("package"),
    packageSize: z.string().regex(/^[1-9]\d{0,17}$/, "packageSize must be an integer string ≥ 1, like \"1000\""),
    packagePrice: decimalString("packagePrice"),
    includedUnits,
  }),
  z.strictObject({ kind: z.literal("graduated"), tiers: tiersSchema, includedUnits }),
  z.strictObject({ kind: z.literal("volume"), tiers: tiersSchema, includedUnits }),
]) satisfies z.ZodType<PriceModel>;

export type PriceModelParseResult = { ok: true; model: PriceModel } | { ok: false; error: z.ZodError };

/** Validates untrusted input as a PriceModel; errors carry field paths like "tiers.2.upTo". */
export function parsePriceModel(input: unknown): PriceModelParseResult {
  const result = priceModelSchema.safeParse(input);
  return result.success ? { ok: true, model: result.data } : { ok: false, error: result.error };
}
