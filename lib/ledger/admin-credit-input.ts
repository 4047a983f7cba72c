import { z } from "zod";
import { majorToMinor } from "@/lib/money/major-units";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import type { CurrencyCode } from "@/lib/money/currencies";

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is at most ${max} characters`);

/** Promotional credits: an amount in major units ("25.00"), an optional expiry date, a description. */
export const promotionalInput = z.strictObject({
  amount: z.string({ error: "amount is required" }),
  expiresAt: z.iso
    .date("expiresAt must be a date like 2027-01-31")
    .or(z.iso.datetime({ offset: true }))
    .nullish(),
  description: text("description", 200),
  priority: z.number().int().min(0).max(1000).optional(),
});

/** An adjustment: a signed amount in major units ("-5.00" takes credits away) and the reason (audited). */
export const adjustmentInput = z.strictObject({
  amount: z.string({ error: "amount is required" }),
  reason: text("reason", 500),
});

/** "25.00" (or "-5" when signed) in the currency's minor units; 422 on the amount field otherwise. */
export function parseAmount(raw: string, currency: CurrencyCode, opts: { signed: boolean }): bigint {
  const t = raw.trim();
  const negative = opts.signed && t.startsWith("-");
  const parsed = majorToMinor(negative ? t.slice(1) : t, currency);
  const fail = (message: string): never => {
    const problem: FieldProblem = { field: "amount", rule: "amount", message };
    throw new AppError("UNPROCESSABLE", `amount: ${message}`, { problems: [problem] });
  };
  if (!parsed.ok) return fail(parsed.message);
  if (parsed.minor === 0n) return fail(opts.signed ? "must not be zero" : "must be more than zero");
  return negative ? -parsed.minor : parsed.minor;
}

/** A date-only expiry means the end of that day, UTC; it must be in the future. */
export function parseExpiry(raw: string | null | undefined, now: Date): Date | null {
  if (!raw) return null;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T23:59:59.999Z`) : new Date(raw);
  if (at.getTime() <= now.getTime()) {
    throw new AppError("UNPROCESSABLE", "expiresAt must be in the future", {
      problems: [{ field: "expiresAt", rule: "future", message: "must be in the future" }],
    });
  }
  return at;
}
