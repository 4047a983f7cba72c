import type { UserActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";

/** For portal routes: the signed-in member's customer; an admin (no customer) gets 404 "Only customer members have <what>". */
export function memberCustomerId(user: UserActor, what: string): string {
  if (!user.customerId) throw new AppError("NOT_FOUND", `Only customer members have ${what}`);
  return user.customerId;
}
