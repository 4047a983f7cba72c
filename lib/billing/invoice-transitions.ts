import { AppError } from "@/lib/errors/app-error";

export type InvoiceStatus = "DRAFT" | "OPEN" | "PAID" | "VOID" | "UNCOLLECTIBLE";
export type InvoiceAction = "finalize" | "pay" | "void" | "mark_uncollectible";

/** Which statuses each action applies to, and where it leads (finalize: OPEN, or PAID when nothing is due). */
const FROM: Record<InvoiceAction, readonly InvoiceStatus[]> = {
  finalize: ["DRAFT"],
  pay: ["OPEN", "UNCOLLECTIBLE"],
  void: ["OPEN", "UNCOLLECTIBLE"],
  mark_uncollectible: ["OPEN"],
};

const VERB: Record<InvoiceAction, string> = {
  finalize: "finalized",
  pay: "paid",
  void: "voided",
  mark_uncollectible: "marked uncollectible",
};

export function canApply(action: InvoiceAction, status: InvoiceStatus): boolean {
  return FROM[action].includes(status);
}

/** Throws a 409 naming the current status when `action` does not apply to it. */
export function assertCanApply(action: InvoiceAction, status: InvoiceStatus): void {
  if (!canApply(action, status)) {
    throw new AppError("CONFLICT", `The invoice is ${status.toLowerCase()}: it cannot be ${VERB[action]}`, {
      details: { status, action },
    });
  }
}
