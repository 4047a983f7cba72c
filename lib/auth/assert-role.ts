import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import type { Actor, UserActor } from "./actor";

/** Domain-level checks: every data function calls one of these with the acting user or key. */
export function assertAdmin(actor: Actor): asserts actor is UserActor & { role: "ADMIN" } {
  if (actor.kind !== "user" || actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can do this");
}

/** May the actor act for this customer? A customer id that is not a UUID names no customer (404, before any query casts it). */
export function assertCanActForCustomer(actor: Actor, customerId: string): void {
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  if (actor.kind === "user") {
    if (actor.role === "ADMIN") return;
    if (actor.customerId === customerId) return;
    throw new AppError("NOT_FOUND", "No such customer");
  }
  if (actor.customerId !== null && actor.customerId !== customerId) {
    throw new AppError("FORBIDDEN", "This API key is limited to another customer");
  }
}
