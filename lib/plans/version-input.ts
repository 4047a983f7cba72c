import { z } from "zod";
import { isKnownCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";

/** Prices keep at most this many decimal places, so price × quantity (12 places) fits the 30 of `amount`. */
export const MAX_PRICE_DECIMALS = 18;
/** Quantities (included units, tier bounds) keep at most the 12 decimal places usage is stored with. */
export const MAX_QUANTITY_DECIMALS = 12;
export const MAX_TRIAL_DAYS = 365;
export const MAX_PRICES = 100;

const minorAmount = (what: string) =>
  z
    .unknown()
    .transform((v, ctx) => {
      if ((typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && /^-?\d{1,15}$/.test(v))) return BigInt(v);
      ctx.addIssue({ code: "custom", message: `${what} must be a whole number of minor units (cents)` });
      return z.NEVER;
    })
    .refine((v) => v >= 0n, `${what} must not be negative`)
    .refine((v) => v <= 999_999_999_999_999n, `${what} is too large`);

function isDecimal(text: string): boolean {
  try {
    return new MoneyDecimal(text).isFinite();
  } catch {
    return false;
  }
}

const priceInput = z.strictObject({
  meterId: z.uuid("meterId must be a meter id"),
  model: priceModelSchema.superRefine((model, ctx) => {
    for (const [path, text, max] of decimalsOf(model)) {
      // Zod runs this after the model's own issues too: a text that is not a number is already named there.
      if (!isDecimal(text)) continue;
      if (new MoneyDecimal(text).decimalPlaces() > max) {
        ctx.addIssue({ code: "custom", path, message: `${path.at(-1)} may have at most ${max} decimal places` });
      }
    }
  }),
});

/** The editable content of a plan version: what the draft editor sends and the admin API accepts. */
export const versionContentSchema = z
  .strictObject({
    currency: z.string().refine(isKnownCurrency, "currency must be a known ISO code, like USD"),
    interval: z.enum(["MONTH", "YEAR"], "interval must be MONTH or YEAR"),
    baseFeeMinor: minorAmount("baseFeeMinor"),
    minimumSpendMinor: minorAmount("minimumSpendMinor"),
    trialDays: z.number().int("trialDays must be a whole number").min(0, "trialDays must not be negative").max(MAX_TRIAL_DAYS, `trialDays must be at most ${MAX_TRIAL_DAYS}`),
    paymentTerms: z.enum(["PREPAID", "POSTPAID"], "paymentTerms must be PREPAID or POSTPAID"),
    /** Credits granted (lib/ledger/grant-trial-credits.ts) when a customer starts the plan; 0 for none. */
    trialCreditsMinor: minorAmount("trialCreditsMinor").default(0n),
    prices: z.array(priceInput).max(MAX_PRICES, `at most ${MAX_PRICES} prices`),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.prices.forEach((p, i) => {
      if (seen.has(p.meterId)) ctx.addIssue({ code: "custom", path: ["prices", i, "meterId"], message: "this meter already has a price in this version" });
      seen.add(p.meterId);
    });
  });

export type VersionContent = Omit<z.infer<typeof versionContentSchema>, "currency" | "prices"> & {
  currency: CurrencyCode;
  prices: { meterId: string; model: PriceModel }[];
};

/** The model's decimal strings with their paths and allowed decimal places. */
function decimalsOf(model: PriceModel): [(string | number)[], string, number][] {
  const out: [(string | number)[], string, number][] = [];
  if (model.includedUnits !== undefined) out.push([["includedUnits"], model.includedUnits, MAX_QUANTITY_DECIMALS]);
  if (model.kind === "per_unit") out.push([["unitPrice"], model.unitPrice, MAX_PRICE_DECIMALS]);
  if (model.kind === "package") out.push([["packagePrice"], model.packagePrice, MAX_PRICE_DECIMALS]);
  if (model.kind === "graduated" || model.kind === "volume") {
    model.tiers.forEach((t, i) => {
      if (t.upTo !== null) out.push([["tiers", i, "upTo"], t.upTo, MAX_QUANTITY_DECIMALS]);
      out.push([["tiers", i, "unitPrice"], t.unitPrice, MAX_PRICE_DECIMALS]);
      if (t.flatFee !== undefined) out.push([["tiers", i, "flatFee"], t.flatFee, MAX_PRICE_DECIMALS]);
    });
  }
  return out;
}
