import { AppError } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import { batchSchema } from "./event-input";

/** A body is one event object, or `{ "events": [...] }`. */
export function parseEventsBody(body: unknown): { events: unknown[]; single: boolean } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("UNPROCESSABLE", "Body must be a JSON object: one event, or { \"events\": [...] }", {
      problems: [{ field: "(body)", rule: "object", message: "expected a JSON object" }],
    });
  }
  if (!("events" in body)) return { events: [body], single: true };
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "Invalid batch", { problems: zodProblems(parsed.error) });
  return { events: parsed.data.events, single: false };
}
