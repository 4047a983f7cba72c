import { errorResponse } from "@/lib/http/error-response";
import { handleStripeWebhook } from "@/lib/stripe-webhooks/handle-stripe-webhook";

export const dynamic = "force-dynamic";

/** Stripe's webhook: the signature is verified on the raw body first; 2xx only once the event is applied (or ignored). */
export async function POST(req: Request): Promise<Response> {
  try {
    const rawBody = await req.text();
    const { type, outcome } = await handleStripeWebhook(rawBody, req.headers.get("stripe-signature"));
    return Response.json({ received: true, type, outcome });
  } catch (e) {
    return errorResponse(e);
  }
}
