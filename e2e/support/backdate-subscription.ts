/**
 * `tsx --conditions=react-server e2e/support/backdate-subscription.ts <externalId> <ISO start>`: moves the
 * customer's subscription (assigned a moment ago, before any usage) to have started and be anchored at
 * `start`, so a spec can send weeks of usage history with past timestamps that rate into its current
 * period. For e2e setup only.
 */
export {};

async function main() {
  const [externalId, start] = process.argv.slice(2);
  const at = new Date(start ?? "");
  if (!externalId || Number.isNaN(at.getTime()))
    throw new Error("usage: backdate-subscription.ts <externalId> <ISO start>");
  const { prisma, closeDb } = await import("@/lib/db/client");
  const customer = await prisma.customer.findUniqueOrThrow({ where: { externalId } });
  const subs = await prisma.subscription.findMany({ where: { customerId: customer.id } });
  if (subs.length !== 1) throw new Error(`${externalId} has ${subs.length} subscriptions, expected 1`);
  const usage = await prisma.periodMeterCharge.count({ where: { customerId: customer.id } });
  if (usage > 0) throw new Error(`${externalId} already has rated usage: backdate before sending any`);
  await prisma.subscription.update({ where: { id: subs[0].id }, data: { startedAt: at, anchorAt: at } });
  await closeDb();
  console.log(`${externalId}'s subscription starts ${at.toISOString()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
