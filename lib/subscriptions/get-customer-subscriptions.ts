import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { subscriptionInclude, toSubscriptionDto, type SubscriptionDto } from "./subscription-dto";

export type CustomerSubscriptions = {
  customer: { id: string; externalId: string; name: string; currency: string };
  /** Newest first: a scheduled change, the one in force, then history. */
  subscriptions: SubscriptionDto[];
};

/** A customer and its subscriptions, for the admin customer page (admins only). */
export async function getCustomerSubscriptions(actor: Actor, customerId: string, now = new Date()): Promise<CustomerSubscriptions> {
  assertAdmin(actor);
  const customer = isUuid(customerId)
    ? await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, externalId: true, name: true, currency: true } })
    : null;
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const subs = await prisma.subscription.findMany({ where: { customerId }, orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }], include: subscriptionInclude, take: 50 });
  return { customer, subscriptions: subs.map((s) => toSubscriptionDto(s, now)) };
}
