/** A field the API refused, as its 422s name them: a dotted path, the rule, what to fix. */
export type Problem = { field: string; rule: string; message: string };

/** A request the app's API refused: its status, its message and its field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * What a failed request should show as problems: the API's field problems, else its message under
 * `field`; anything but an ApiError means the server was not reached.
 */
export function problemsOf(error: unknown, field: string): Problem[] {
  if (!(error instanceof ApiError))
    return [{ field, rule: "network", message: "Could not reach the server; try again." }];
  return error.problems.length ? error.problems : [{ field, rule: "refused", message: error.message }];
}

/** Statuses that asking again will not change: queries are not retried on them. */
const FINAL_STATUSES = [401, 403, 404];

/** The QueryClient's retry rule: up to 3 tries, none after a refusal that retrying will not change. */
export function retryQuery(failures: number, error: unknown): boolean {
  return !(error instanceof ApiError && FINAL_STATUSES.includes(error.status)) && failures < 3;
}

type Request = { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown };

/**
 * Calls one of the app's JSON routes (a GET unless told) and returns its JSON answer; throws ApiError
 * when refused. Used by queries and mutations alike.
 */
export async function fetchJson<T>(url: string, { method = "GET", body }: Request = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers["content-type"] = "application/json";
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    const error = parseOrNull(text)?.error;
    throw new ApiError(res.status, error?.message ?? `Request failed (${res.status})`, error?.problems ?? []);
  }
  return (text ? JSON.parse(text) : null) as T;
}

function parseOrNull(text: string): { error?: { message?: string; problems?: Problem[] } } | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
