import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { assertAssignableVersion } from "@/lib/subscriptions/assert-assignable-version";
import { createCustomerInput } from "./customer-input";

const externalIdTaken = (externalId: string) =>
  new AppError("UNPROCESSABLE", `A customer with externalId "${externalId}" exists already`, {
    problems: [{ field: "externalId", rule: "unique", message: `A customer with externalId "${externalId}" exists already` }],
  });

/**
 * An admin creates a customer: name, externalId (unique: 422 on `externalId`, rule `unique`), currency,
 * billing email, and optionally a published plan version of that currency to subscribe it to at once
 * (through assignSubscription, so trials and trial credits apply as for any assignment). Audited. The
 * version is checked before anything is written; should the subscription still fail, the new customer
 * is removed again, so nothing is left half made.
 */
export async function createCustomer(actor: Actor, input: unknown): Promise<{ id: string; externalId: string; subscriptionId: string | null }> {
  assertAdmin(actor);
  const data = createCustomerInput.parse(input);
  if (data.planVersionId) await assertAssignableVersion(prisma, data.planVersionId, data.currency);
  const customer = await prisma
    .$transaction(async (tx) => {
      if (await tx.customer.findUnique({ where: { externalId: data.externalId }, select: { id: true } })) throw externalIdTaken(data.externalId);
      const c = await tx.customer.create({ data: { name: data.name, externalId: data.externalId, currency: data.currency }, select: { id: true, externalId: true } });
      if (data.billingEmail) await tx.customerBillingProfile.create({ data: { customerId: c.id, email: data.billingEmail } });
      await recordAudit(actor, "customer.created", c.id, { customerId: c.id, name: data.name, externalId: data.externalId, currency: data.currency, billingEmail: data.billingEmail || null }, tx);
      return c;
    })
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw externalIdTaken(data.externalId);
      throw e;
    });
  if (!data.planVersionId) return { ...customer, subscriptionId: null };
  try {
    const { subscriptionId } = await assignSubscription(actor, customer.id, { planVersionId: data.planVersionId });
    return { ...customer, subscriptionId };
  } catch (e) {
    await prisma.$transaction([
      prisma.customerBillingProfile.deleteMany({ where: { customerId: customer.id } }),
      prisma.customer.delete({ where: { id: customer.id } }),
    ]);
    throw e;
  }
}
