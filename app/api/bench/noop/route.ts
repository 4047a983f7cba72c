/**
 * A route that does nothing, for `npm run bench:ingest` to measure what the framework alone costs per
 * request. It exists only when the server runs with METERLY_BENCH=1; otherwise it answers 404.
 */
export const dynamic = "force-dynamic";

function noop(): Response {
  return new Response(null, { status: process.env.METERLY_BENCH === "1" ? 204 : 404 });
}

export const GET = noop;
export const POST = noop;
