import type { RequestMeta, Sandbox } from "./context";
import { invalidRequest } from "./errors";
import { optInt, optString, type FormObject } from "./form";

/** One parsed API request as a route handler sees it. */
export interface ApiRequest {
  params: FormObject;
  /** Capture groups of the route pattern (ids from the path). */
  match: string[];
  meta: RequestMeta;
}

/** Handlers run synchronously (so idempotency records are atomic) and return the JSON body. */
export type Handler = (sb: Sandbox, req: ApiRequest) => unknown;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handler: Handler;
}

export interface ListObject<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

/** A Stripe list page over `items` (already newest first): `limit`, `starting_after`, `ending_before`. */
export function paginate<T extends { id: string }>(items: T[], params: FormObject, url: string): ListObject<T> {
  const limit = optInt(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest("This value must be less than or equal to 100 (it currently is " + limit + ").", "limit");
  let start = 0;
  let end = items.length;
  const after = optString(params, "starting_after");
  const before = optString(params, "ending_before");
  if (after) start = items.findIndex((i) => i.id === after) + 1;
  if (before) end = Math.max(0, items.findIndex((i) => i.id === before));
  const window = items.slice(start, end);
  const data = before ? window.slice(-limit) : window.slice(0, limit);
  return { object: "list", data, has_more: window.length > data.length, url };
}

/** Replaces id strings with the stored objects for each `expand[]` path (`customer`, `latest_charge.customer`). */
export function expandObject<T extends object>(sb: Sandbox, object: T, paths: string[]): T {
  const copy = structuredClone(object);
  for (const path of paths) expandPath(sb, copy as Record<string, unknown>, path.split("."), path);
  return copy;
}

function expandPath(sb: Sandbox, node: Record<string, unknown>, segments: string[], full: string): void {
  const [head, ...rest] = segments;
  const value = node[head];
  if (value === null) return;
  if (typeof value === "string") {
    const found = sb.store.lookup(value);
    if (!found) throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
    node[head] = structuredClone(found);
  } else if (typeof value !== "object" || value === undefined) {
    throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
  }
  const next = node[head];
  if (rest.length > 0 && typeof next === "object" && next !== null) {
    expandPath(sb, next as Record<string, unknown>, rest, full);
  }
}

/** Objects newest first (by `created`, then insertion order). */
export function newestFirst<T extends { created: number }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map(({ item }) => item);
}

/** Matches one object id in a route pattern. */
export const ID = "([A-Za-z0-9_]+)";
