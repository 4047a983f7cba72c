import { postEvents } from "@/lib/ingest-worker/post-events";

export const POST = postEvents;
