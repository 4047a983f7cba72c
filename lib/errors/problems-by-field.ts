import type { FieldProblem } from "./app-error";

/** Field problems keyed by the form field they belong to ("groupBy.1" -> "groupBy"), first message wins. */
export function problemsByField(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const field = p.field.split(".")[0];
    out[field] ??= p.message;
  }
  return out;
}
