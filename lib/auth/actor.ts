/** Who is acting. Domain functions take one and check ownership themselves. */
export type UserActor = { kind: "user"; userId: string; role: "ADMIN" | "MEMBER"; customerId: string | null };
/** What an API key may do: FULL both, INGEST only report usage, READ only the GET routes (api_keys.scope). */
export type ApiKeyScope = "FULL" | "INGEST" | "READ";
/** A request authenticated by an API key; customerId is the customer the key is scoped to, if any. */
export type ApiKeyActor = { kind: "apiKey"; apiKeyId: string; customerId: string | null; scope: ApiKeyScope };
export type Actor = UserActor | ApiKeyActor;
