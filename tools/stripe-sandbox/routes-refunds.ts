import { ID, newestFirst, paginate, type Route } from "./api";
import { invalidRequest } from "./errors";
import { newId, nowSeconds } from "./ids";
import { metadataParam, optInt, optString } from "./form";
import type { Refund } from "./payment-objects";

const REASONS = new Set(["duplicate", "fraudulent", "requested_by_customer"]);

/**
 * Refunds of succeeded payments, in full or in part, as Stripe makes them for cards: succeeded at once, the
 * charge's amount_refunded raised, `refund.created` and `charge.refunded` sent. More than is left to refund
 * is refused with Stripe's `charge_already_refunded` / amount error.
 */
export const refundRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/refunds$/,
    handler: (sb, { params, meta }) => {
      const piId = optString(params, "payment_intent");
      const chargeId = optString(params, "charge");
      if (!piId && !chargeId)
        throw invalidRequest("One of `charge` or `payment_intent` is required.", "payment_intent");
      const pi = piId ? sb.store.get("paymentIntents", piId, "payment_intent") : null;
      const charge = sb.store.get(
        "charges",
        chargeId ?? pi?.latest_charge ?? "",
        chargeId ? "charge" : "payment_intent",
      );
      if (charge.status !== "succeeded")
        throw invalidRequest(
          `This charge ${charge.id} has not succeeded and cannot be refunded.`,
          "charge",
          "charge_not_refundable",
        );
      const left = charge.amount - charge.amount_refunded;
      if (left === 0)
        throw invalidRequest(
          `Charge ${charge.id} has already been refunded.`,
          undefined,
          "charge_already_refunded",
        );
      const amount = optInt(params, "amount") ?? left;
      if (amount <= 0) throw invalidRequest("Invalid positive integer", "amount");
      if (amount > left)
        throw invalidRequest(
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          "amount",
          "amount_too_large",
        );
      const reason = optString(params, "reason") || null;
      if (reason && !REASONS.has(reason))
        throw invalidRequest(
          `Invalid reason: must be one of duplicate, fraudulent or requested_by_customer`,
          "reason",
        );
      const refund: Refund = {
        id: newId("re"),
        object: "refund",
        amount,
        charge: charge.id,
        created: nowSeconds(),
        currency: charge.currency,
        metadata: metadataParam(params),
        payment_intent: charge.payment_intent,
        reason,
        status: "succeeded",
      };
      sb.store.put("refunds", refund);
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      sb.emit("refund.created", refund, meta);
      sb.emit("charge.refunded", charge, meta);
      return refund;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/refunds$/,
    handler: (sb, { params }) => {
      const pi = optString(params, "payment_intent");
      const all = Object.values(sb.store.state.refunds).filter((r) => !pi || r.payment_intent === pi);
      return paginate(newestFirst(all), params, "/v1/refunds");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/refunds/${ID}$`),
    handler: (sb, { match }) => sb.store.get("refunds", match[0]),
  },
];
