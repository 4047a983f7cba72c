/**
 * `tsx --conditions=react-server e2e/support/run-forecast-alerts.ts <externalId>`: runs the background sweep's
 * forecast and spike alerts (lib/forecast/run-forecast-alerts.ts, every 15 minutes in the app) for this one
 * customer now, so a spec sees them without waiting; each alert is made once, whichever sweep runs first.
 * For e2e setup only.
 */
export {};

async function main() {
  const [externalId] = process.argv.slice(2);
  if (!externalId) throw new Error("usage: run-forecast-alerts.ts <externalId>");
  const { prisma, closeDb } = await import("@/lib/db/client");
  const { runForecastAlerts } = await import("@/lib/forecast/run-forecast-alerts");
  const customer = await prisma.customer.findUniqueOrThrow({ where: { externalId } });
  const made = await runForecastAlerts(new Date(), { customerIds: [customer.id] });
  await closeDb();
  console.log(`${made} forecast or spike alert(s) for ${externalId}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
