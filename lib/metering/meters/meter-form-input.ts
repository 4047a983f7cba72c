import type { FieldProblem } from "@/lib/errors/app-error";
import { parseFilterText } from "./filter-text";

/**
 * The admin form's fields as meter input. Only fields present in the form are read, so an edit form that
 * leaves out (disables) the fixed fields of a meter in use does not send them. Group-by is comma-separated,
 * filters are the filter text; the "allow negative" checkbox is read when its marker field is present.
 */
export function meterInputFromForm(form: FormData): { ok: true; input: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const input: Record<string, unknown> = {};
  for (const name of ["key", "name", "eventType", "aggregation", "valueProperty", "unit"]) {
    if (form.has(name)) input[name] = String(form.get(name) ?? "").trim();
  }
  if (form.has("groupBy")) {
    input.groupBy = String(form.get("groupBy") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (form.has("filters")) {
    const parsed = parseFilterText(String(form.get("filters") ?? ""));
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    input.filters = parsed.filters;
  }
  if (form.has("allowNegativeField")) input.allowNegative = form.get("allowNegative") === "on";
  return { ok: true, input };
}
