import { z } from "zod";
import { isKnownCurrency, type CurrencyCode } from "@/lib/money/currencies";

const MAX_MINOR = 999_999_999_999n;

const minor = (field: string, opts: { positive: boolean }) =>
  z
    .unknown()
    .transform((v, ctx) => {
      if (
        (typeof v === "number" && Number.isSafeInteger(v)) ||
        (typeof v === "string" && /^-?\d{1,15}$/.test(v)) ||
        typeof v === "bigint"
      )
        return BigInt(v);
      ctx.addIssue({ code: "custom", message: `${field} must be a whole number of minor units (cents)` });
      return z.NEVER;
    })
    .refine(
      (v) => (opts.positive ? v > 0n : v >= 0n),
      opts.positive ? `${field} must be more than zero` : `${field} must not be negative`,
    )
    .refine((v) => v <= MAX_MINOR, `${field} is too large`);

/** A credit pack as the admin form and API send it: money in minor units of `currency`. */
export const packInputSchema = z.strictObject({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name is required")
    .max(80, "name must be at most 80 characters"),
  currency: z
    .string({ error: "currency is required" })
    .refine(isKnownCurrency, "currency must be a known ISO code, like USD"),
  priceMinor: minor("priceMinor", { positive: true }),
  creditsMinor: minor("creditsMinor", { positive: true }),
  bonusCreditsMinor: minor("bonusCreditsMinor", { positive: false }).default(0n),
  active: z.boolean({ error: "active must be true or false" }).default(true),
});

export type PackInput = {
  name: string;
  currency: CurrencyCode;
  priceMinor: bigint;
  creditsMinor: bigint;
  bonusCreditsMinor: bigint;
  active: boolean;
};

/** Validates a pack from outside; a ZodError names the fields. */
export function parsePackInput(input: unknown): PackInput {
  return packInputSchema.parse(input) as PackInput;
}
