import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { parseAmount } from "@/lib/ledger/admin-credit-input";
import { lockCustomerCurrency } from "@/lib/ledger/customer-currency";
import { prismaSql } from "@/lib/db/sql";
import { lockOrCreateWallet } from "@/lib/ledger/wallet";

const input = z.discriminatedUnion("enabled", [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    threshold: z.string({ error: "threshold is required" }),
    packId: z.uuid("pick a credit pack"),
  }),
]);

export type AutoRechargeSetting = { enabled: boolean; needsCard: boolean };

/**
 * A member turns auto-recharge on (a threshold in major units and a pack of theirs) or off. Turning it on
 * arms it and clears earlier failures; it charges only once a card is saved (buy a pack with "save card").
 */
export async function configureAutoRecharge(
  actor: Actor,
  customerId: string,
  raw: unknown,
): Promise<AutoRechargeSetting> {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Auto-recharge is set by a signed-in member");
  assertCanActForCustomer(actor, customerId);
  const s = input.parse(raw);
  return prisma.$transaction(async (tx) => {
    const currency = await lockCustomerCurrency(tx, customerId);
    await lockOrCreateWallet(prismaSql(tx), customerId);
    if (!s.enabled) {
      const off = await tx.creditAutoRecharge.updateMany({
        where: { customerId },
        data: { enabled: false, updatedAt: new Date() },
      });
      if (off.count) await recordAudit(actor, "auto_recharge.disabled", customerId, {}, tx);
      return { enabled: false, needsCard: false };
    }
    const thresholdMinor = parseAmount(s.threshold, currency, { signed: false });
    const pack = await tx.creditPack.findUnique({ where: { id: s.packId } });
    if (!pack || !pack.active || pack.currency !== currency) {
      throw new AppError("UNPROCESSABLE", "Pick one of the packs for sale", {
        problems: [{ field: "packId", rule: "available_pack", message: "pick one of the packs for sale" }],
      });
    }
    const settings = {
      enabled: true,
      thresholdMinor,
      packId: pack.id,
      armed: true,
      consecutiveFailures: 0,
      lastFailureMessage: null,
      lastFailureAt: null,
      disabledReason: null,
      updatedAt: new Date(),
    };
    const row = await tx.creditAutoRecharge.upsert({
      where: { customerId },
      create: { customerId, ...settings },
      update: settings,
    });
    await recordAudit(
      actor,
      "auto_recharge.enabled",
      customerId,
      { thresholdMinor: thresholdMinor.toString(), packId: pack.id },
      tx,
    );
    return { enabled: true, needsCard: row.paymentMethodId === null };
  });
}
