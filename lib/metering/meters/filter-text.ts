import type { FieldProblem } from "@/lib/errors/app-error";

type Scalar = string | number | boolean;
export type MeterFilters = Record<string, Scalar | Scalar[]>;

const LINE = /^\s*([^\s=]+)\s*(=|\bin\b)\s*(.*?)\s*$/i;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The admin form's filter text, one filter per line: `region = eu` (equality) or `model in gpt-4, gpt-5`
 * (a list of allowed values). Bare numbers and true/false are typed values; quote them ("42") to match text.
 */
export function parseFilterText(text: string): { ok: true; filters: MeterFilters } | { ok: false; problems: FieldProblem[] } {
  const filters: MeterFilters = {};
  const problems: FieldProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const m = LINE.exec(raw);
    const values = m ? splitValues(m[3]) : null;
    if (!m || !values || values.length === 0 || (m[2] === "=" && values.length !== 1)) {
      problems.push({ field: "filters", rule: "syntax", message: `line ${i + 1}: write "property = value" or "property in value1, value2"` });
      return;
    }
    if (m[1] in filters) problems.push({ field: "filters", rule: "unique", message: `line ${i + 1}: "${m[1]}" is filtered twice` });
    filters[m[1]] = m[2] === "=" ? values[0] : values;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filters };
}

/** The inverse of parseFilterText, for prefilling the edit form. */
export function formatFilterText(filters: Record<string, unknown>): string {
  return Object.entries(filters)
    .map(([name, v]) => (Array.isArray(v) ? `${name} in ${v.map(formatValue).join(", ")}` : `${name} = ${formatValue(v)}`))
    .join("\n");
}

function formatValue(v: unknown): string {
  if (typeof v !== "string") return JSON.stringify(v);
  const bareOk = v === v.trim() && v !== "" && !/[",]/.test(v) && !JSON_NUMBER.test(v) && v !== "true" && v !== "false";
  return bareOk ? v : JSON.stringify(v);
}

/** Splits `a, "b, c", 3` into values; null when a quoted value is malformed. */
function splitValues(text: string): Scalar[] | null {
  const out: Scalar[] = [];
  let rest = text.trim();
  while (rest !== "") {
    let token: Scalar;
    if (rest.startsWith('"')) {
      const end = closingQuote(rest);
      if (end < 0) return null;
      token = JSON.parse(rest.slice(0, end + 1)) as string;
      rest = rest.slice(end + 1).trim();
      if (rest !== "" && !rest.startsWith(",")) return null;
    } else {
      const comma = rest.indexOf(",");
      const bare = (comma < 0 ? rest : rest.slice(0, comma)).trim();
      if (bare === "") return null;
      token = JSON_NUMBER.test(bare) ? Number(bare) : bare === "true" ? true : bare === "false" ? false : bare;
      rest = comma < 0 ? "" : rest.slice(comma);
    }
    out.push(token);
    if (rest.startsWith(",")) {
      rest = rest.slice(1).trim();
      if (rest === "") return null;
    }
  }
  return out;
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}
