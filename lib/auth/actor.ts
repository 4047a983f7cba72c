/** Who is acting. Domain functions take one and check ownership themselves. */
export type UserActor = { kind: "user"; userId: string; role: "ADMIN" | "MEMBER"; customerId: string | null };
/** A request authenticated by an API key; customerId is the customer the key is scoped to, if any. */
export type ApiKeyActor = { kind: "apiKey"; apiKeyId: string; customerId: string | null };
export type Actor = UserActor | ApiKeyActor;
