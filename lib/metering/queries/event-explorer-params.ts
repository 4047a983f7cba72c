import { z } from "zod";

const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** An instant as ISO 8601 with an offset, or as a datetime-local field sends it (read as UTC). */
const instant = z
  .string()
  .trim()
  .refine((v) => v === "" || (DATETIME_LOCAL.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success) && !Number.isNaN(Date.parse(DATETIME_LOCAL.test(v) ? `${v}Z` : v)), "Use an ISO 8601 date-time, e.g. 2026-12-06T10:00:00Z")
  .transform((v) => (v === "" ? null : new Date(DATETIME_LOCAL.test(v) ? `${v}Z` : v)));

/** The keyset position after the last row shown: its timestamp (epoch ms) and id, as base64url JSON. */
const cursor = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    try {
      const [ms, id] = JSON.parse(Buffer.from(v, "base64url").toString("utf8")) as unknown[];
      if (typeof ms === "number" && Number.isFinite(ms) && typeof id === "string" && id.length <= 128) return { at: new Date(ms), id };
    } catch {}
    ctx.addIssue({ code: "custom", message: "This page link is damaged: start again from the first page" });
    return z.NEVER;
  });

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id]), "utf8").toString("base64url");
}

/**
 * The events explorer's filters, from the query string: `customer` (id or externalId), `type`, `from` and
 * `to` (stored timestamp in [from, to)), `id` with `match` exact or prefix (default), and `cursor`.
 */
export const eventExplorerParams = z
  .object({
    customer: z.string().trim().max(255).default(""),
    type: z.string().trim().max(255).default(""),
    from: instant.prefault(""),
    to: instant.prefault(""),
    id: z.string().max(128, "An event id has at most 128 characters").default(""),
    match: z.enum(["exact", "prefix"], { error: "match is exact or prefix" }).default("prefix"),
    cursor: cursor.prefault(""),
  })
  .refine((p) => !p.from || !p.to || p.to > p.from, { path: ["to"], message: "to must be after from" })
  .refine((p) => p.customer !== "" || (p.id !== "" && p.match === "exact"), {
    path: ["customer"],
    message: "Choose a customer (without one, only an exact event id is searched, across every customer)",
  });

export type EventExplorerParams = z.infer<typeof eventExplorerParams>;

/** The query string's single values (a repeated name: its first value). */
export function searchParamsObject(input: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (input instanceof URLSearchParams) {
    for (const [k, v] of input) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = Array.isArray(v) ? (v[0] ?? "") : v;
  return out;
}
