import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { finalizeInvoice, type FinalizeResult } from "./finalize-invoice";
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

/** An admin voids an open (or uncollectible) invoice, or marks an open one uncollectible; other states get 409. */
export async function changeInvoiceStatus(
  actor: Actor,
  customerId: string,
  invoiceId: string,
  action: "void" | "mark_uncollectible",
): Promise<{ status: InvoiceStatus }> {
  assertAdmin(actor);
  await findInvoice(customerId, invoiceId);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: InvoiceStatus }[]>`
      SELECT status::text AS status FROM invoices WHERE customer_id = ${customerId}::uuid AND id = ${invoiceId}::uuid FOR UPDATE`;
    assertCanApply(action, rows[0].status);
    const now = new Date();
    const status: InvoiceStatus = action === "void" ? "VOID" : "UNCOLLECTIBLE";
    await tx.invoice.update({
      where: { customerId_id: { customerId, id: invoiceId } },
      data: action === "void" ? { status, voidedAt: now } : { status, markedUncollectibleAt: now },
    });
    await recordAudit(
      actor,
      action === "void" ? "invoice.voided" : "invoice.marked_uncollectible",
      invoiceId,
      { customerId, from: rows[0].status },
      tx,
    );
    return { status };
  });
}

async function findInvoice(customerId: string, invoiceId: string): Promise<void> {
  if (!isUuid(customerId) || !isUuid(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice");
  const found = await prisma.invoice.findUnique({
    where: { customerId_id: { customerId, id: invoiceId } },
    select: { id: true },
  });
  if (!found) throw new AppError("NOT_FOUND", "No such invoice");
}
