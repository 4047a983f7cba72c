import { apiKeyRoute } from "@/lib/http/api-route";
import { checkEntitlement } from "@/lib/limits/check-entitlement";
import { parseEntitlementsMeter } from "@/lib/limits/entitlements-query";

export const dynamic = "force-dynamic";

/**
 * May this customer use the product now? `{ allowed, reason, balance, spendThisPeriod, limits, resetsAt }`,
 * read from the state ingestion writes (`?meter=<key>`: that meter's caps too). A key limited to another
 * customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (req, actor, { params }) => {
  const meter = parseEntitlementsMeter(new URL(req.url).searchParams);
  return Response.json(await checkEntitlement(actor, (await params).externalId, meter));
});
