import { z } from "zod";
import { CURRENCY_CODES } from "@/lib/money/currencies";

/**
 * What apps send as `customer` in events: 1 to 128 letters, digits and . _ - : (starting with a letter
 * or digit), so it reads the same in URLs, logs and CSV.
 */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const createCustomerInput = z.object({
  name: z.string().trim().min(1, "Enter the customer's name").max(120, "At most 120 characters"),
  externalId: z
    .string()
    .trim()
    .regex(EXTERNAL_ID, "1 to 128 letters, digits, '.', '_', '-' or ':', starting with a letter or digit"),
  currency: z.enum(CURRENCY_CODES as [string, ...string[]], { error: "Choose a supported currency" }),
  billingEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.union([z.literal(""), z.email("Enter a valid email address")]))
    .default(""),
  /** A published plan version to subscribe the customer to at once (empty: none). */
  planVersionId: z.string().trim().default(""),
});

export type CreateCustomerInput = z.infer<typeof createCustomerInput>;
