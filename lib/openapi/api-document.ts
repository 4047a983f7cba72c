import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { customerPaths } from "./customer-paths";
import { eventsPaths } from "./events-paths";
import { stripePaths } from "./stripe-paths";
import { usagePaths } from "./usage-paths";

/** The OpenAPI path of the document itself (public: no key). */
export const documentPaths: ZodOpenApiPathsObject = {
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Reference"],
      summary: "This OpenAPI document",
      security: [],
      responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } } } },
    },
  },
};

/** Every `/api/v1` operation, by path relative to the server URL `/api/v1` (the route test reads these too). */
export const apiPaths: ZodOpenApiPathsObject = { ...eventsPaths, ...usagePaths, ...customerPaths, ...stripePaths, ...documentPaths };

let cached: ReturnType<typeof createDocument> | undefined;

/**
 * The OpenAPI 3.1 document of the public API, built from the zod schemas the routes parse with (so it
 * cannot drift from them), served at `GET /api/v1/openapi.json` and rendered at /docs/api.
 */
export function apiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Meterly API",
      version: "1",
      description:
        "Report usage and read balances, entitlements, usage, forecasts and invoices. Every request but this document's needs an API key (admin > API keys) as `Authorization: Bearer mtr_...`; a key may be limited to one customer and to a scope (ingest, read, full). Amounts are integer minor units with their currency. A refused request is answered with `{ error: { code, message, problems } }` and writes nothing.",
    },
    servers: [{ url: "/api/v1", description: "This server" }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Usage events", description: "Report usage (our JSON, CloudEvents) and read it back" },
      { name: "Customers", description: "Balances, entitlements, forecasts and invoices of one customer" },
      { name: "Stripe compatibility", description: "Stripe's meter events endpoint, at a Meterly base URL" },
      { name: "Reference", description: "This document" },
    ],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "mtr_...", description: "An API key created in admin > API keys" } },
    },
    paths: apiPaths,
  });
  return cached;
}
