import type { Actor, ApiKeyScope } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";

/** What a route needs of a key: `read` (GET routes), `ingest` (routes that report usage), `full` (anything else). */
export type RequiredScope = "read" | "ingest" | "full";

const allowed: Record<ApiKeyScope, ReadonlySet<RequiredScope>> = {
  FULL: new Set(["read", "ingest", "full"]),
  INGEST: new Set(["ingest"]),
  READ: new Set(["read"]),
};

/**
 * A scope the key lacks is a 403 whose error code is `insufficient_scope` (the details' code replaces
 * FORBIDDEN in the body, as OAuth names it) and which names the scope needed; users pass (their role is
 * checked elsewhere).
 */
export function assertKeyScope(actor: Actor, needed: RequiredScope): void {
  if (actor.kind !== "apiKey" || allowed[actor.scope].has(needed)) return;
  throw new AppError(
    "FORBIDDEN",
    `This API key's scope is ${actor.scope.toLowerCase()}; this request needs a key with scope ${needed === "full" ? "full" : `${needed} or full`}`,
    { details: { code: "insufficient_scope", requiredScope: needed, keyScope: actor.scope.toLowerCase() } },
  );
}

/** The scope a request needs when its route does not say: GET and HEAD read, anything else needs a full key. */
export function scopeForMethod(method: string): RequiredScope {
  return method === "GET" || method === "HEAD" ? "read" : "full";
}
