import { committerStats } from "@/lib/metering/ingest-worker/committer-stats";

/**
 * Group-commit counters of this app process, for `npm run bench:ingest` to report how many requests
 * and events each ingest transaction carried. Only with METERLY_BENCH=1; otherwise 404.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (process.env.METERLY_BENCH !== "1") return new Response(null, { status: 404 });
  return Response.json(await committerStats());
}
