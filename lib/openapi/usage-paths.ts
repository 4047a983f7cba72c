import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { usageApiQuerySchema } from "@/lib/metering/queries/usage-query-params";
import { errorResponses } from "./common";

const q = usageApiQuerySchema.shape;

/** The usage query's parameters, described; the route parses them with usageApiQuerySchema itself. */
const usageQuery = z.object({
  customer: q.customer.meta({ description: "The customer's externalId", example: "acme" }),
  meter: q.meter.meta({ description: "A meter key", example: "tokens" }),
  from: q.from.meta({ description: "Start (inclusive, rounded down to the hour); default: the start of this month (UTC)", example: "2026-01-01" }),
  to: q.to.meta({ description: "End (exclusive, rounded up to the hour); default: now", example: "2026-02-01T00:00:00Z" }),
  granularity: q.granularity.meta({ description: "Bucket size; hour covers at most 31 days, day 400", example: "day" }),
  groupBy: q.groupBy.meta({ description: "One of the meter's dimensions", example: "model" }),
});

export const usagePaths: ZodOpenApiPathsObject = {
  "/usage": {
    get: {
      operationId: "queryUsage",
      tags: ["Usage events"],
      summary: "Usage over time",
      description: "A meter's usage for one customer in hour, day or month buckets, from the rollups ingestion keeps (never a scan of raw events), optionally grouped by a dimension.",
      requestParams: { query: usageQuery },
      responses: {
        "200": {
          description: "Buckets of usage",
          content: { "application/json": { schema: z.looseObject({ customer: z.string(), buckets: z.array(z.looseObject({})).optional() }).meta({ id: "Usage" }) } },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
};
