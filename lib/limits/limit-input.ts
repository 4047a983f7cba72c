import { z } from "zod";

/**
 * A limit as a form or the API sets it: the scope ("spend", or a meter's id), the amount (major units of the
 * customer's currency for spend, "25.00"; a quantity for a meter, "1000000"), alert-only or a hard cap, and
 * the thresholds in percent (default 50, 80, 100; above 100 only for alert-only limits).
 */
export const limitInput = z.strictObject({
  scope: z.union([z.literal("spend"), z.uuid('scope must be "spend" or a meter id')]),
  amount: z.string({ error: "amount is required" }).trim().min(1, "amount is required"),
  mode: z.enum(["alert", "hard_cap"], { error: "mode must be alert or hard_cap" }),
  thresholds: z
    .array(
      z
        .number({ error: "each threshold is a whole percentage" })
        .int("each threshold is a whole percentage")
        .min(1, "each threshold is at least 1%")
        .max(1000, "each threshold is at most 1000%"),
    )
    .max(10, "at most 10 thresholds")
    .default([50, 80, 100]),
});

export type LimitInput = z.infer<typeof limitInput>;
