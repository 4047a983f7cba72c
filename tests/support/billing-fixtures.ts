import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { getInvoice } from "@/lib/billing/get-invoice";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { prisma } from "@/lib/db/client";

const HOUR = 3_600_000;

/** The upcoming invoice; throws when the customer has none. */
export async function upcoming(actor: Actor, customerId: string) {
  const inv = await previewUpcomingInvoice(actor, customerId);
  if (!inv) throw new Error("no upcoming invoice");
  return inv;
}

/** A number prefix of this test's own, so parallel test files never share a number sequence. */
export const testPrefix = () => `T${randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase()}`;

/** Runs the close for one customer `hoursAfterEnd` hours after the period ending at `end`. */
export function closeAt(
  customerId: string,
  end: string | Date,
  hoursAfterEnd: number,
  numberPrefix?: string,
) {
  return runBillingClose({
    customerId,
    at: new Date(new Date(end).getTime() + hoursAfterEnd * HOUR),
    graceHours: 24,
    numberPrefix,
  });
}

/** The customer's only invoice, with its lines. */
export async function onlyInvoice(actor: Actor, customerId: string) {
  const rows = await prisma.invoice.findMany({ where: { customerId }, select: { id: true } });
  if (rows.length !== 1) throw new Error(`expected one invoice, found ${rows.length}`);
  return getInvoice(actor, customerId, rows[0].id);
}
