import { apiDocument } from "@/lib/openapi/api-document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1 (public: no key), built from the routes' zod schemas (lib/openapi). */
export function GET(): Response {
  return Response.json(apiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
