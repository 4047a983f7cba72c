import { authenticateApiKey, type ApiKeyActor } from "@/lib/api-keys/authenticate-api-key";
import { assertKeyScope, scopeForMethod, type RequiredScope } from "@/lib/api-keys/assert-key-scope";
import { limitApiKey } from "@/lib/security/rate-limits/limit-api-key";
import { errorResponse } from "./error-response";

type Ctx<P> = { params: Promise<P> };

/**
 * Wraps a public API handler: authenticates the API key, checks its scope (`scope`, else by method: GET
 * and HEAD need `read`, anything else a `full` key; a route that reports usage says `ingest`), maps errors
 * to JSON responses.
 */
export function apiKeyRoute<P = Record<string, string>>(
  handler: (req: Request, actor: ApiKeyActor, ctx: Ctx<P>) => Promise<Response>,
  opts: { scope?: RequiredScope } = {},
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const actor = await authenticateApiKey(req.headers.get("authorization"));
      await limitApiKey(actor.apiKeyId);
      assertKeyScope(actor, opts.scope ?? scopeForMethod(req.method));
      return await handler(req, actor, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
