import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";

/** Admins: empties the Mail page (every message the local catcher kept). Returns how many were deleted. */
export async function clearCaughtEmails(actor: Actor): Promise<number> {
  assertAdmin(actor);
  return (await prisma.caughtEmail.deleteMany({})).count;
}
