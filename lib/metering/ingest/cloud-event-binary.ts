import { parseJsonText } from "@/lib/http/read-json-body";
import { CLOUDEVENTS_JSON } from "./cloud-event-input";

/** A `ce-specversion` header makes a binary-mode CloudEvent, unless the Content-Type says structured mode (whose body decides). */
export function isBinaryCloudEvent(headers: Headers): boolean {
  return headers.has("ce-specversion") && !/^application\/cloudevents/i.test(headers.get("content-type") ?? "");
}

const ATTRIBUTES = ["specversion", "id", "source", "type", "subject", "time", "dataschema"] as const;

/**
 * A binary-mode CloudEvent (its attributes in `ce-*` headers, its data as the body) in the structured
 * form ingestion reads: the attributes as JSON members, the Content-Type as datacontenttype, the body as
 * data. Only for a request with a `ce-specversion` header; a body that is not JSON is a 400.
 */
export function structuredFromBinary(headers: Headers, body: string): { body: string; contentType: string } {
  const event: Record<string, unknown> = {};
  for (const name of ATTRIBUTES) {
    const value = headers.get(`ce-${name}`);
    if (value !== null) event[name] = value;
  }
  const contentType = headers.get("content-type");
  if (contentType !== null) event.datacontenttype = contentType;
  if (body.trim() !== "") event.data = parseJsonText(body);
  return { body: JSON.stringify(event), contentType: CLOUDEVENTS_JSON };
}
