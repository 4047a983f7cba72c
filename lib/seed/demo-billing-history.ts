import "server-only";
import type { UserActor } from "@/lib/auth/actor";
import { changeInvoiceStatus } from "@/lib/billing/change-invoice-status";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { prisma } from "@/lib/db/client";
import { ingestEvents } from "@/lib/metering/ingest/ingest-events";
import { addMonthsClamped } from "@/lib/subscriptions/billing-period";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MODELS = ["gpt-x", "gpt-x-mini"];

/**
 * Gives a customer just put on a plan two past billing periods of usage and their invoices: the subscription
 * is moved to have started two months and three days ago, a day's token usage is ingested for every day
 * since (each day as of that day, through the same ingestion as the API), and the billing close runs as of
 * now, so the two ended periods are drafted and finalized by the real billing run. The older invoice is then
 * recorded as paid (out of band), the newer one stays open. Deterministic amounts; skipped once any invoice exists.
 */
export async function seedDemoBillingHistory(
  admin: UserActor,
  customerId: string,
  subscriptionId: string,
  now = new Date(),
): Promise<void> {
  if (await prisma.invoice.findFirst({ where: { customerId }, select: { id: true } })) return;
  const startedAt = new Date(addMonthsClamped(now, -2).getTime() - 3 * DAY);
  startedAt.setUTCMinutes(0, 0, 0);
  await prisma.subscription.update({
    where: { id: subscriptionId },
    data: { startedAt, anchorAt: startedAt },
  });
  for (let day = 0, t = startedAt.getTime() + HOUR; t < now.getTime() - HOUR; day++, t += DAY) {
    const events = MODELS.map((model, i) => ({
      id: `demo-history-${day}-${model}`,
      customer: "acme",
      type: "llm_tokens",
      timestamp: new Date(t + i * 60_000).toISOString(),
      properties: { tokens: 400_000 + ((day * 7919 + i * 104_729) % 900_000), model },
    }));
    await ingestEvents(admin, events, new Date(t + 5 * 60_000));
  }
  await runBillingClose({ customerId, at: now });
  const oldest = await prisma.invoice.findFirst({
    where: { customerId, status: "OPEN" },
    orderBy: { periodStart: "asc" },
    select: { id: true, finalizedAt: true },
  });
  if (oldest)
    await changeInvoiceStatus(
      admin,
      customerId,
      oldest.id,
      "mark_paid",
      new Date((oldest.finalizedAt ?? now).getTime() + DAY),
    );
}
