import "server-only";
import { prisma } from "@/lib/db/client";

const DEMO_PACKS = [
  { name: "Starter credits", priceMinor: 1000n, creditsMinor: 1000n, bonusCreditsMinor: 0n },
  { name: "Growth credits", priceMinor: 5000n, creditsMinor: 5000n, bonusCreditsMinor: 500n },
] as const;

/** The demo's credit packs (USD), created once: packs with these names are left as they are. */
export async function seedDemoCreditPacks(): Promise<void> {
  for (const pack of DEMO_PACKS) {
    if (await prisma.creditPack.findFirst({ where: { name: pack.name }, select: { id: true } })) continue;
    await prisma.creditPack.create({ data: { ...pack, currency: "USD" } });
  }
}
