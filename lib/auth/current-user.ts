import "server-only";
import { getServerSession } from "next-auth";
import { redirect, notFound } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { authOptions } from "./auth-options";
import type { UserActor } from "./actor";

export type CurrentUser = UserActor & { email: string; name: string | null };

/** The signed-in user, read fresh from the database (a deleted user's token stops working). */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await prisma.user.findUnique({ where: { id: session.userId } });
  if (!user) return null;
  return { kind: "user", userId: user.id, role: user.role, customerId: user.customerId, email: user.email, name: user.name };
}

/** For pages: signed in or sent to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For admin pages: members get a 404, as if the page did not exist. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  return user;
}

/** For portal pages: admins are sent to the admin area. */
export async function requireMember(): Promise<CurrentUser & { customerId: string }> {
  const user = await requireUser();
  if (user.role !== "MEMBER" || !user.customerId) redirect("/admin");
  return user as CurrentUser & { customerId: string };
}
