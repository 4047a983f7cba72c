import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** The entitlement check's query: `meter`, a meter key whose caps are checked too (the OpenAPI document reads it). */
export const entitlementsQuerySchema = z.object({
  meter: z.string().min(1).max(200).optional(),
});

/** `?meter=` of the entitlement check: absent is null; empty or over 200 characters is a 422 naming it. */
export function parseEntitlementsMeter(search: URLSearchParams): string | null {
  const meter = search.get("meter");
  if (meter === null) return null;
  const parsed = entitlementsQuerySchema.safeParse({ meter });
  if (parsed.success) return parsed.data.meter ?? null;
  throw new AppError("UNPROCESSABLE", "meter: must be a meter key", {
    problems: [{ field: "meter", rule: "meter_key", message: "must be a meter key of 1 to 200 characters" }],
  });
}
