import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";

/**
 * Email preferences are a member's own, for their own customer: anyone else (another customer's member, an
 * admin, an API key) is told the customer does not exist, as elsewhere for other tenants.
 */
export function assertMemberOf(
  actor: Actor,
  customerId: string,
): asserts actor is Actor & { kind: "user"; userId: string } {
  if (actor.kind !== "user" || actor.role !== "MEMBER" || actor.customerId !== customerId) {
    throw new AppError("NOT_FOUND", "No such customer");
  }
}
