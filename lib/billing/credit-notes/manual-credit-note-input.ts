import { z } from "zod";

/** An admin's credit note: an amount in major units ("12.50"), the reason (shown on the note), where it goes. */
export const manualCreditNoteInput = z.strictObject({
  amount: z.string({ error: "amount is required" }),
  reason: z
    .string({ error: "reason is required" })
    .trim()
    .min(1, "reason is required")
    .max(500, "reason is at most 500 characters"),
  settlement: z.enum(["balance", "refund"], { error: "settlement must be balance or refund" }),
});
