import { authenticateApiKey, type ApiKeyActor } from "@/lib/api-keys/authenticate-api-key";
import { errorResponse } from "./error-response";

type Ctx<P> = { params: Promise<P> };

/** Wraps a public API handler: authenticates the API key, maps errors to JSON responses. */
export function apiKeyRoute<P = Record<string, string>>(
  handler: (req: Request, actor: ApiKeyActor, ctx: Ctx<P>) => Promise<Response>,
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const actor = await authenticateApiKey(req.headers.get("authorization"));
      return await handler(req, actor, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
