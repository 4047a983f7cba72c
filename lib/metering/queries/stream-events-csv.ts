import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { encodeCursor } from "./event-explorer-params";
import { eventCsvLine, EVENTS_CSV_HEADER, csvLine } from "./events-csv";
import { quantityLabeller } from "./event-quantities";
import { exploreEvents } from "./explore-events";

const CHUNK = 1000;

/**
 * Every event the explorer's filters select, as a CSV stream: written 1,000 rows at a time, each chunk
 * read by the explorer's keyset query after the last, so memory stays flat whatever the count. The
 * filters are checked (and the actor) before the first byte, so a bad filter is a 422, not a broken file.
 */
export async function streamEventsCsv(actor: Actor, query: Record<string, string>): Promise<ReadableStream<Uint8Array>> {
  const first = await exploreEvents(actor, { ...query, cursor: "" }, CHUNK);
  const encoder = new TextEncoder();
  let page: typeof first | null = first;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(EVENTS_CSV_HEADER)));
        return;
      }
      if (!page) return controller.close();
      const label = await quantityLabeller(page.events.map((e) => e.type));
      controller.enqueue(encoder.encode(page.events.map((e) => eventCsvLine(e, label(e))).join("")));
      const last = page.events.at(-1);
      page = page.hasMore && last ? await exploreEvents(actor, { ...query, cursor: encodeCursor(last.timestamp, last.id) }, CHUNK) : null;
    },
  });
}
