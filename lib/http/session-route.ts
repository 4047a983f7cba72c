import "server-only";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "./error-response";

type Ctx<P> = { params: Promise<P> };

/** Wraps a handler used by the app's own pages: requires a signed-in user, maps errors to JSON. */
export function sessionRoute<P = Record<string, string>>(handler: (req: Request, user: CurrentUser, ctx: Ctx<P>) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("UNAUTHORIZED", "Sign in first");
      return await handler(req, user, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
