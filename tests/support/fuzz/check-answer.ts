import type { RawAnswer } from "../raw-request";

type Problem = { field?: unknown; rule?: unknown; message?: unknown };

const named = (p: Problem) => typeof p.field === "string" && p.field !== "" && typeof p.rule === "string" && p.rule !== "" && typeof p.message === "string";

/** Statuses whose answer must name the field and the rule that refused the input. */
const INPUT_STATUSES = new Set([400, 413, 422]);

/**
 * What is wrong with an answer to bad input, or null: a 5xx; a 4xx that is not JSON `{ error: { code,
 * message } }`; a 400, 413 or 422 without problems naming a field and a rule (a batch of events answers
 * each event's problems instead; Stripe's shape names them `param` and `code`); a 2xx whose JSON does not parse.
 */
export function answerProblem(a: RawAnswer): string | null {
  if (a.status >= 500) return `answered ${a.status}: ${a.text.slice(0, 300)}`;
  if (a.status < 400) {
    if (a.contentType.includes("json") && a.text && a.json === null) return `answered ${a.status} with JSON that does not parse`;
    return null;
  }
  if (!a.contentType.includes("application/json") || a.json === null) return `answered ${a.status} without a JSON body: ${a.text.slice(0, 200)}`;
  const error = a.json.error;
  const batch = Array.isArray(a.json.events) ? (a.json.events as { status: string; problems?: Problem[] }[]) : null;
  if (!error && !batch) return `answered ${a.status} without an error: ${a.text.slice(0, 300)}`;
  if (error && (typeof error.code !== "string" || typeof error.message !== "string" || error.message === ""))
    return `answered ${a.status} with an error without code and message: ${a.text.slice(0, 300)}`;
  if (!INPUT_STATUSES.has(a.status)) return null;
  // Stripe's error shape (the meter events compatibility route): the field is `param`, the rule `code`.
  if (error && typeof error.type === "string" && typeof error.param === "string")
    return error.param && typeof error.code === "string" ? null : `answered ${a.status} without naming the param and code: ${a.text.slice(0, 300)}`;
  const problems: Problem[] = error?.problems ?? batch?.flatMap((e) => e.problems ?? []) ?? [];
  if (problems.length === 0) return `answered ${a.status} without naming the field and rule: ${a.text.slice(0, 300)}`;
  const unnamed = problems.find((p) => !named(p));
  if (unnamed) return `answered ${a.status} with a problem without field, rule and message: ${JSON.stringify(unnamed).slice(0, 300)}`;
  return null;
}
