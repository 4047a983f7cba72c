import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { getPurchase } from "@/lib/payments/get-purchase";

export const dynamic = "force-dynamic";

/** One of the member's purchases and the balance now (the return page polls it until the payment lands). */
export const GET = sessionRoute<{ id: string }>(async (_req, user, ctx) => {
  if (!user.customerId) throw new AppError("NOT_FOUND", "No such purchase");
  return Response.json(await getPurchase(user, user.customerId, (await ctx.params).id));
});
