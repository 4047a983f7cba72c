import type { ApiKeyActor } from "@/lib/api-keys/authenticate-api-key";

/** Who is acting. Domain functions take one and check ownership themselves. */
export type UserActor = { kind: "user"; userId: string; role: "ADMIN" | "MEMBER"; customerId: string | null };
export type Actor = UserActor | ApiKeyActor;
