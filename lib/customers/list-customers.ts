import "server-only";
import { prisma } from "@/lib/db/client";
import { assertAdmin } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";

export async function listCustomers(actor: Actor) {
  assertAdmin(actor);
  return prisma.customer.findMany({
    orderBy: { name: "asc" },
    select: { id: true, externalId: true, name: true, currency: true, createdAt: true, _count: { select: { users: true } } },
  });
}
