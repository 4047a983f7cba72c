import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { recordNotification, type NotificationKind } from "@/lib/notifications/record-notification";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";

/** A customer of its own (unique names: test files share a database) with two members and a billing email. */
export async function customerWithMembers() {
  const tag = randomUUID().slice(0, 8);
  const customer = await upsertCustomer({ externalId: `mail-${tag}`, name: `Mailco ${tag}` });
  const ada = await upsertUser({ email: `ada-${tag}@mailco.test`, customerId: customer.id });
  const bob = await upsertUser({ email: `bob-${tag}@mailco.test`, customerId: customer.id });
  const billing = `accounts-${tag}@mailco.test`;
  await prisma.customerBillingProfile.create({ data: { customerId: customer.id, email: billing } });
  return { tag, customer, ada, bob, billing };
}

/** Queues a notification the way the app does: recordNotification in a transaction. Returns its id. */
export async function queueNotification(
  customerId: string,
  kind: string,
  payload: Record<string, unknown>,
): Promise<bigint> {
  await prisma.$transaction((tx) => recordNotification(tx, customerId, kind as NotificationKind, payload));
  const n = await prisma.notification.findFirstOrThrow({ where: { customerId }, orderBy: { id: "desc" } });
  return n.id;
}
