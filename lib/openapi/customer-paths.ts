import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { invoiceStatusParamSchema } from "@/lib/billing/invoice-status-param";
import { entitlementsQuerySchema } from "@/lib/limits/entitlements-query";
import { customerPathParams, errorResponses, externalIdParam } from "./common";

/** A JSON answer described in words: its fields are lib's DTOs (TypeScript types), named in the description. */
const answer = (id: string, description: string) => z.looseObject({ customer: z.string().meta({ example: "acme" }) }).meta({ id, description });

function read(operationId: string, summary: string, description: string, schema: z.ZodType, extra: Partial<ZodOpenApiOperationObject> = {}): ZodOpenApiOperationObject {
  return {
    operationId,
    tags: ["Customers"],
    summary,
    description: `${description} A key limited to another customer gets 403.`,
    requestParams: { path: customerPathParams },
    ...extra,
    responses: { "200": { description: summary, content: { "application/json": { schema } } }, ...errorResponses(401, 403, 404, 422) },
  };
}

const invoiceParams = z.object({
  externalId: externalIdParam,
  number: z.string().min(1).meta({ description: "The invoice number (MTR-2026-000042), or a draft's id", example: "MTR-2026-000042" }),
});

export const customerPaths: ZodOpenApiPathsObject = {
  "/customers/{externalId}/credits": {
    get: read("getCredits", "Credit balance and grants", "The customer's prepaid credit balance (integer minor units), open grants (soonest expiry first), recent purchases and auto-recharge settings.", answer("CreditSummary", "`{ customer, currency, balance, grants, asOf }`")),
  },
  "/customers/{externalId}/entitlements": {
    get: read(
      "checkEntitlement",
      "May the customer use the product now?",
      "`{ allowed, reason, balance, spendThisPeriod, limits, resetsAt }`, read from the state ingestion writes; with `meter`, that meter's caps too.",
      z.looseObject({ allowed: z.boolean(), reason: z.string().nullable() }).meta({ id: "Entitlement" }),
      { requestParams: { path: customerPathParams, query: entitlementsQuerySchema.extend({ meter: entitlementsQuerySchema.shape.meter.meta({ description: "A meter key: its caps are checked too", example: "tokens" }) }) } },
    ),
  },
  "/customers/{externalId}/forecast": {
    get: read("getForecast", "This period's forecast", "Spend so far, the projected end-of-period total with a low-high band, each meter's projection and the last 7 days' usage spikes; 404 without a subscription in force.", answer("Forecast", "`{ customer, period, spentSoFar, projected, low, high, meters, spikes }`")),
  },
  "/customers/{externalId}/invoices": {
    get: read("listInvoices", "Invoices", "The customer's invoices, newest period first, without their lines; `status` filters.", answer("InvoiceList", "`{ customer, invoices: [...] }`"), {
      requestParams: { path: customerPathParams, query: z.object({ status: invoiceStatusParamSchema.optional().meta({ description: "Only invoices in this state", example: "open" }) }) },
    }),
  },
  "/customers/{externalId}/invoices/{number}": {
    get: read("getInvoice", "One invoice", "One invoice with its lines, by number or a draft's id.", answer("Invoice", "`{ customer, number, status, currency, lines, totals... }`"), { requestParams: { path: invoiceParams } }),
  },
  "/customers/{externalId}/invoices/{number}/pdf": {
    get: {
      ...read("getInvoicePdf", "One invoice as a PDF", "A finalized invoice as a PDF download (`<number>.pdf`); a draft is a 409.", z.string()),
      requestParams: { path: invoiceParams },
      responses: {
        "200": { description: "The PDF", content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } } },
        ...errorResponses(401, 403, 404, 409),
      },
    },
  },
  "/customers/{externalId}/upcoming-invoice": {
    get: read("getUpcomingInvoice", "The upcoming invoice", "The invoice the current period would get if it ended now, composed as the billing close composes it; 404 without a subscription in force.", answer("UpcomingInvoice", "`{ customer, period, lines, subtotal, creditsApplied, total... }`")),
  },
  "/customers/{externalId}/usage-summary": {
    get: read("getUsageSummary", "Plan, prices and running charges", "The customer's plan, prices and this period's running charges, as the portal's Plan page shows them (integer minor units with the currency and formatted text).", answer("UsageSummary", "`{ customer, plan, period, meters, charges... }`")),
  },
};
