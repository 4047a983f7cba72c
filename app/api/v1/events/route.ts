import { postEvents } from "@/lib/metering/ingest-worker/post-events";

/** Never prerendered or cached: every request is handled (and Next.js need not track what it reads). */
export const dynamic = "force-dynamic";

export const POST = postEvents;
