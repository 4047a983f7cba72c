import "server-only";
import { prisma } from "@/lib/db/client";
import { resolveAlerts } from "./resolve-alerts";

/**
 * After events of customer `externalId` were voided: resolves at once the alerts its usage fell back under
 * (not at the next sweep). Best effort: an error is logged, and the sweep resolves them later.
 */
export async function resolveAlertsAfterVoid(externalId: string, voided: number): Promise<void> {
  if (voided === 0) return;
  try {
    const customer = await prisma.customer.findUnique({ where: { externalId }, select: { id: true } });
    if (customer) await resolveAlerts([customer.id]);
  } catch (e) {
    console.error(`alert resolution after a void of ${externalId}:`, e instanceof Error ? e.message : e);
  }
}
