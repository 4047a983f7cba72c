import "server-only";
import { prisma } from "@/lib/db/client";
import { correctStaleInvoices } from "./correct-stale-invoices";

/**
 * After events of customer `externalId` were voided: corrects its finalized invoices at once (a credit note
 * appears now, not at the next billing sweep). Best effort: an error is logged, and the sweep corrects later.
 */
export async function correctAfterVoid(externalId: string, voided: number): Promise<void> {
  if (voided === 0) return;
  try {
    const customer = await prisma.customer.findUnique({ where: { externalId }, select: { id: true } });
    if (customer) await correctStaleInvoices({ customerId: customer.id });
  } catch (e) {
    console.error(`invoice corrections after a void of ${externalId}:`, e instanceof Error ? e.message : e);
  }
}
