/**
 * `tsx --conditions=react-server e2e/support/collect-now.ts <externalId>`: brings the customer's scheduled
 * invoice charges forward to now, so the e2e app's job runner (polling every second) makes them with its own
 * Stripe sandbox. A billing close run ahead of time (scripts/billing-run.ts --at <after the period>) schedules
 * the charge at finalization for that future time; this is the time passing. For e2e setup only.
 */
export {};

async function main() {
  const [externalId] = process.argv.slice(2);
  if (!externalId) throw new Error("usage: collect-now.ts <externalId>");
  const { prisma, closeDb } = await import("@/lib/db/client");
  const customer = await prisma.customer.findUniqueOrThrow({ where: { externalId } });
  const pending = await prisma.invoicePaymentAttempt.findMany({
    where: { customerId: customer.id, status: "PENDING", kind: "OFF_SESSION", paymentIntentId: null },
  });
  const now = new Date();
  for (const p of pending) {
    await prisma.$transaction([
      prisma.invoicePaymentAttempt.update({
        where: {
          customerId_invoiceId_attempt: {
            customerId: p.customerId,
            invoiceId: p.invoiceId,
            attempt: p.attempt,
          },
        },
        data: { createdAt: now },
      }),
      prisma.job.updateMany({
        where: { key: `invoice-collect:${p.invoiceId}:${p.attempt}`, doneAt: null },
        data: { runAt: now },
      }),
    ]);
  }
  await closeDb();
  console.log(`${pending.length} charge(s) due now`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
