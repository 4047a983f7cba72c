import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";

/**
 * The customer an API caller names by externalId, if the actor may act for it. A key limited to one
 * customer gets 403 for any other externalId, existing or not, so it cannot probe which customers exist.
 */
export async function findCustomerForActor(actor: Actor, externalId: string): Promise<{ id: string; externalId: string; name: string }> {
  // No externalId holds NUL or a lone surrogate (Postgres text cannot), and a query with one fails: not found.
  const customer = unstorableText(externalId, "customer")
    ? null
    : await prisma.customer.findUnique({ where: { externalId }, select: { id: true, externalId: true, name: true } });
  if (actor.kind === "apiKey" && actor.customerId !== null && customer?.id !== actor.customerId) {
    throw new AppError("FORBIDDEN", "This API key is limited to another customer");
  }
  if (!customer) throw new AppError("NOT_FOUND", `No customer with externalId "${externalId}"`, { problems: [{ field: "customer", rule: "known_customer", message: `No customer with externalId "${externalId}"` }] });
  assertCanActForCustomer(actor, customer.id);
  return customer;
}
