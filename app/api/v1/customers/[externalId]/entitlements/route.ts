import { apiKeyRoute } from "@/lib/http/api-route";
import { checkEntitlement } from "@/lib/limits/check-entitlement";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/**
 * May this customer use the product now? `{ allowed, reason, balance, spendThisPeriod, limits, resetsAt }`,
 * read from the state ingestion writes (`?meter=<key>`: that meter's caps too). A key limited to another
 * customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (req, actor, { params }) => {
  const meter = new URL(req.url).searchParams.get("meter");
  if (meter !== null && (meter.length === 0 || meter.length > 200))
    throw new AppError("UNPROCESSABLE", "meter: must be a meter key", {
      problems: [
        { field: "meter", rule: "meter_key", message: "must be a meter key of 1 to 200 characters" },
      ],
    });
  return Response.json(await checkEntitlement(actor, (await params).externalId, meter));
});
