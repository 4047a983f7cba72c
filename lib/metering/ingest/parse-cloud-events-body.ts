import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import type { JsonReply } from "@/lib/http/error-response";
import { CLOUDEVENTS_BATCH_JSON, CLOUDEVENTS_JSON, cloudEventBatchSchema, cloudEventSchema, eventFromCloudEvent } from "./cloud-event-input";
import type { EventInput } from "./event-input";

export type BodyFormat = "json" | "cloudevent" | "cloudevents-batch";

const CLOUDEVENTS = /^application\/cloudevents/i;

/**
 * Which body format a Content-Type names. Anything that is not a CloudEvents type is read as our JSON
 * (as before CloudEvents were accepted), at the cost of one short regex test on the hot path.
 */
export function bodyFormat(contentType: string | null): BodyFormat {
  if (contentType === null || !CLOUDEVENTS.test(contentType)) return "json";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType === CLOUDEVENTS_JSON) return "cloudevent";
  if (mediaType === CLOUDEVENTS_BATCH_JSON) return "cloudevents-batch";
  const message = `Content-Type must be ${CLOUDEVENTS_JSON} or ${CLOUDEVENTS_BATCH_JSON} for CloudEvents (or application/json)`;
  throw new AppError("UNPROCESSABLE", message, { problems: [{ field: "content-type", rule: "media_type", message }] });
}

/**
 * A CloudEvents body (one event, or a batch array) as usage events. A malformed CloudEvent refuses the
 * whole request with a 422 naming its attribute ("subject", or "3.subject" in a batch), nothing written;
 * well-formed events are then validated by ingestion like any other (unknown customer, bad value...).
 */
export function parseCloudEventsBody(body: unknown, format: Exclude<BodyFormat, "json">): { events: EventInput[]; single: boolean } {
  if (format === "cloudevent") return { events: [parseOne(body, [])], single: true };
  const batch = cloudEventBatchSchema.safeParse(body);
  if (!batch.success) throw invalid(zodProblems(batch.error));
  return { events: batch.data.map((e, i) => parseOne(e, [i])), single: false };
}

function parseOne(raw: unknown, path: number[]): EventInput {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalid([{ field: path.join(".") || "(body)", rule: "object", message: "a CloudEvent must be a JSON object" }]);
  }
  const parsed = cloudEventSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodProblems(parsed.error, path));
  return eventFromCloudEvent(parsed.data);
}

function invalid(problems: FieldProblem[]): AppError {
  return new AppError("UNPROCESSABLE", `Invalid CloudEvent: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, { problems });
}

/** Our field names in an answer's problems, as the CloudEvent's attributes: customer -> subject, timestamp -> time, properties -> data. */
const ATTRIBUTE: Record<string, string> = { customer: "subject", timestamp: "time", properties: "data" };

export function renameProblemFields(reply: JsonReply): JsonReply {
  rename(reply.body);
  return reply;
}

function rename(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) rename(v);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.problems)) for (const p of o.problems as FieldProblem[]) p.field = attributeName(p.field);
  for (const key of ["error", "event", "events"]) if (key in o) rename(o[key]);
}

function attributeName(field: string): string {
  const [head, ...rest] = field.split(".");
  const renamed = ATTRIBUTE[head];
  return renamed ? [renamed, ...rest].join(".") : field;
}
