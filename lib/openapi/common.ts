import { z } from "zod";
import type { ZodOpenApiResponsesObject } from "zod-openapi";

/** One field problem of a refused request: which field, which rule, and what to do (lib/errors). */
export const problemSchema = z
  .object({
    field: z.string().meta({ description: "The field, as a dotted path (`events.3.properties.tokens`), or `(body)`", example: "customer" }),
    rule: z.string().meta({ description: "The rule it broke (a zod issue code or a named rule such as `known_customer`)", example: "known_customer" }),
    message: z.string().meta({ example: 'No customer with externalId "acme"' }),
  })
  .meta({ id: "Problem" });

/** Every error answer: `{ error: { code, message, problems? } }`; some add details (credits, limits). */
export const errorSchema = z
  .object({
    error: z.looseObject({
      code: z.string().meta({ description: "UNAUTHORIZED, FORBIDDEN, insufficient_scope, NOT_FOUND, UNPROCESSABLE, PAYMENT_REQUIRED, ...", example: "UNPROCESSABLE" }),
      message: z.string(),
      problems: z.array(problemSchema).optional().meta({ description: "For a 422: each field that was refused, and why" }),
    }),
  })
  .meta({ id: "Error" });

const WHY: Record<number, string> = {
  400: "The body is empty or not valid JSON",
  401: "No API key, or not a valid one (`Authorization: Bearer mtr_...`)",
  402: "A prepaid customer's credits cannot cover the usage, a hard spending cap is reached, or the customer is suspended",
  403: "The API key is limited to another customer (FORBIDDEN), or its scope does not allow this (`insufficient_scope`, with `requiredScope`: `read` for GET routes, `ingest` for reporting usage, and the key's `keyScope`)",
  404: "No such resource for this key",
  409: "The resource is in a state that does not allow this",
  413: "The body is over 1 MB",
  422: "A field is missing or invalid: `error.problems` names each field and rule",
  429: "Too many requests for this key: wait as `Retry-After` says",
  503: "The events could not be stored and none was acknowledged: send them again",
};

/** The error answers an operation can give, each with the shared error shape. */
export function errorResponses(...statuses: (keyof typeof WHY)[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: WHY[s], content: { "application/json": { schema: errorSchema } } }]));
}

/** A JSON answer whose detailed shape is described in words (lib's DTOs are TypeScript types, not schemas). */
export function jsonObject(id: string, description: string, example: Record<string, unknown>) {
  return z.looseObject({}).meta({ id, description, example });
}

export const externalIdParam = z.string().min(1).meta({ description: "The customer's externalId (as your app names the customer)", example: "acme" });

export const customerPathParams = z.object({ externalId: externalIdParam });
