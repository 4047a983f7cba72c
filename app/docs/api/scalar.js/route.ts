import { scalarBundle } from "@/lib/openapi/reference-bundle";

export const dynamic = "force-dynamic";

/** The API reference page's script (Scalar's standalone bundle), from our own origin. */
export async function GET(): Promise<Response> {
  return new Response(new Uint8Array(await scalarBundle()), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
  });
}
