import type { CurrentUser } from "@/lib/auth/current-user";

/**
 * Route handlers read the signed-in user through lib/auth/current-user, which needs a Next.js request
 * scope. Test files replace that module with this one and choose who is signed in:
 *
 *   vi.mock("@/lib/auth/current-user", () => import("../support/session"));
 *   signInAs(adminUser);
 */
let current: CurrentUser | null = null;

export function signInAs(user: CurrentUser | null): void {
  current = user;
}

export async function currentUser(): Promise<CurrentUser | null> {
  return current;
}

export async function requireUser(): Promise<CurrentUser> {
  if (!current) throw new Error("test: nobody is signed in");
  return current;
}

export const requireAdmin = requireUser;
export const requireMember = requireUser as () => Promise<CurrentUser & { customerId: string }>;

/** A CurrentUser for a user row made by the factories. */
export function asCurrentUser(u: { id: string; email: string; role: "ADMIN" | "MEMBER"; customerId: string | null; name?: string | null }): CurrentUser {
  return { kind: "user", userId: u.id, role: u.role, customerId: u.customerId, email: u.email, name: u.name ?? null };
}
