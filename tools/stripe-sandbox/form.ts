import { invalidRequest } from "./errors";

/** A decoded `application/x-www-form-urlencoded` value using Stripe's bracket notation. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function decode(part: string): string {
  const spaced = part.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Splits `a[b][0][c]` into `["a", "b", "0", "c"]`; `a[]` yields an empty final segment. */
function keySegments(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return null;
  const rest = match[2].length > 0 ? match[2].slice(1, -1).split("][") : [];
  return [match[1], ...rest];
}

function isObject(value: FormValue | undefined): value is FormObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function assign(root: FormObject, segments: string[], value: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i];
    // `[]` appends: give it the next free index so it becomes an array element later.
    const key = raw === "" ? String(Object.keys(node).length) : raw;
    if (FORBIDDEN_KEYS.has(key)) return;
    if (i === segments.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (isObject(child)) {
      node = child;
    } else {
      const created: FormObject = {};
      node[key] = created;
      node = created;
    }
  }
}

/** Objects whose keys are all array indexes become arrays (except inside `metadata`). */
function normalize(value: FormValue, parentKey: string): FormValue {
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k): [string, FormValue] => [k, normalize(value[k], k)]);
  const indexed = parentKey !== "metadata" && keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  if (indexed) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Parses a form body or query string (`line_items[0][price_data][unit_amount]=500`, `expand[]=x`). */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
    const segments = keySegments(key);
    if (segments) assign(root, segments, value);
  }
  const normalized = normalize(root, "");
  return isObject(normalized) ? normalized : {};
}

// ---- typed getters; each throws a Stripe-style invalid_request_error on a wrong shape ----

export function optString(params: FormObject, key: string, param = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidRequest(`Invalid string: ${param}`, param);
  return value;
}

export function reqString(params: FormObject, key: string, param = key): string {
  const value = optString(params, key, param);
  if (value === undefined || value === "") throw missingParam(param);
  return value;
}

export function optInt(params: FormObject, key: string, param = key): number | undefined {
  const value = optString(params, key, param);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw invalidRequest(`Invalid integer: ${value}`, param, "parameter_invalid_integer");
  }
  return Number(value);
}

export function reqInt(params: FormObject, key: string, param = key): number {
  const value = optInt(params, key, param);
  if (value === undefined) throw missingParam(param);
  return value;
}

export function optBool(params: FormObject, key: string, param = key): boolean | undefined {
  const value = optString(params, key, param);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") {
    throw invalidRequest(`Invalid boolean: ${value}`, param);
  }
  return value === "true";
}

export function optObject(params: FormObject, key: string, param = key): FormObject | undefined {
  const value = params[key];
  if (value === undefined || value === "") return undefined;
  if (!isObject(value)) throw invalidRequest(`Invalid object`, param);
  return value;
}

export function optArray(params: FormObject, key: string, param = key): FormValue[] | undefined {
  const value = params[key];
  if (value === undefined || value === "") return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array`, param);
  return value;
}

/** `metadata[k]=v` -> `{ k: "v" }`; an empty value deletes the key on update, like Stripe. */
export function metadataParam(params: FormObject, current: Record<string, string> = {}): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined) return current;
  if (raw === "") return {};
  if (!isObject(raw)) throw invalidRequest("Invalid object", "metadata");
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") throw invalidRequest("Invalid string", `metadata[${key}]`);
    if (value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}

/** `expand[]=a&expand[]=b.c` (or indexed `expand[0]`) -> `["a", "b.c"]`. */
export function expandParam(params: FormObject): string[] {
  const raw = params.expand;
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === "string");
}

export function missingParam(param: string) {
  return invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");
}

export { isObject };
