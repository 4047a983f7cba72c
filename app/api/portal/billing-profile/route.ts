import { sessionRoute } from "@/lib/http/session-route";
import { memberCustomerId } from "@/lib/http/member-customer-id";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getBillingProfile, updateBillingProfile } from "@/lib/billing/billing-profile";

export const dynamic = "force-dynamic";

/** The signed-in member's billing details (who invoices are addressed to) and collection terms. */
export const GET = sessionRoute(async (_req, user) =>
  Response.json(await getBillingProfile(user, memberCustomerId(user, "billing details"))),
);

/** Updates the billing details; fields left out keep their value. Net terms and dunning are admin-only (403); bad fields are a 422 naming them. */
export const PUT = sessionRoute(async (req, user) =>
  Response.json(
    await updateBillingProfile(user, memberCustomerId(user, "billing details"), await readJsonBody(req)),
  ),
);
