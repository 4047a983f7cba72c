import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { liftSuspensionIfSettled } from "./collection/account-suspension";
import { lockInvoice } from "./collection/lock-invoice";
import { dropScheduledCharges } from "./collection/schedule-collection";
import { finalizeInvoice, type FinalizeResult } from "./finalize-invoice";
import { recordInvoiceEvent } from "./invoice-event";
import { assertCanApply, type InvoiceStatus } from "./invoice-transitions";

/** An admin finalizes a draft now, before its grace period ends. */
export async function finalizeInvoiceNow(
  actor: Actor,
  customerId: string,
  invoiceId: string,
): Promise<FinalizeResult> {
  assertAdmin(actor);
  await findInvoice(customerId, invoiceId);
  const result = await finalizeInvoice(customerId, invoiceId, new Date());
  await recordAudit(actor, "invoice.finalized", invoiceId, { customerId, number: result.number });
  return result;
}

export type StatusAction = "void" | "mark_uncollectible" | "mark_paid";

const CHANGE = {
  void: { check: "void", to: "VOID", audit: "invoice.voided" },
  mark_uncollectible: {
    check: "mark_uncollectible",
    to: "UNCOLLECTIBLE",
    audit: "invoice.marked_uncollectible",
  },
  mark_paid: { check: "pay", to: "PAID", audit: "invoice.paid_out_of_band" },
} as const;

/**
 * An admin voids an open (or uncollectible) invoice, marks an open one uncollectible, or records that an
 * open (or uncollectible) one was paid outside Stripe (a bank transfer: its amount due becomes paid).
 * Other states get 409 naming the current one.
 */
export async function changeInvoiceStatus(
  actor: Actor,
  customerId: string,
  invoiceId: string,
  action: StatusAction,
  at = new Date(),
): Promise<{ status: InvoiceStatus }> {
  assertAdmin(actor);
  await findInvoice(customerId, invoiceId);
  const change = CHANGE[action];
  return prisma.$transaction(async (tx) => {
    const invoice = (await lockInvoice(tx, customerId, invoiceId))!;
    assertCanApply(change.check, invoice.status);
    const data =
      action === "void"
        ? { voidedAt: at }
        : action === "mark_uncollectible"
          ? { markedUncollectibleAt: at }
          : { paidAt: at, amountPaidMinor: invoice.amountDueMinor };
    await tx.invoice.update({
      where: { customerId_id: { customerId, id: invoiceId } },
      data: { status: change.to, nextPaymentAttemptAt: null, ...data },
    });
    await dropScheduledCharges(tx, customerId, invoiceId);
    await recordAudit(actor, change.audit, invoiceId, { customerId, from: invoice.status }, tx);
    await recordInvoiceEvent(tx, EVENT[change.to], customerId, invoiceId, { by: "admin" });
    await liftSuspensionIfSettled(tx, customerId);
    return { status: change.to };
  });
}

const EVENT = {
  VOID: "invoice.voided",
  UNCOLLECTIBLE: "invoice.uncollectible",
  PAID: "invoice.paid",
} as const;

async function findInvoice(customerId: string, invoiceId: string): Promise<void> {
  if (!isUuid(customerId) || !isUuid(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice");
  const found = await prisma.invoice.findUnique({
    where: { customerId_id: { customerId, id: invoiceId } },
    select: { id: true },
  });
  if (!found) throw new AppError("NOT_FOUND", "No such invoice");
}
