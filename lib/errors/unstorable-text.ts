import type { FieldProblem } from "./app-error";

/** A lone UTF-16 surrogate: a string with one is not Unicode text, and jsonb refuses its escape. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

function textProblem(s: string, field: string): FieldProblem | null {
  if (s.includes("\u0000")) return { field, rule: "no_nul_character", message: `${field} must not contain the NUL character (\u0000)` };
  if (LONE_SURROGATE.test(s))
    return { field, rule: "well_formed_unicode", message: `${field} must be Unicode text: it holds a lone surrogate (an unpaired \\ud800-\\udfff escape)` };
  return null;
}

/**
 * What PostgreSQL could not store of a JSON value: text and jsonb hold neither the NUL character
 * (U+0000) nor a lone surrogate, and a query carrying one fails as a whole. Returns the problem at the
 * first such string or property name, by dotted path ("properties.note", "tiers.0.upTo"; `path` names
 * the value itself, "" the body, shown as "(body)"), or null. With `maxDepth`, objects and arrays nested
 * deeper are refused too (rule max_depth, on `path` itself). Walks with its own stack, so any depth is safe to look at.
 */
export function unstorableText(value: unknown, path: string, maxDepth = Infinity): FieldProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length) {
    const at = stack.pop()!;
    const field = at.path || "(body)";
    if (typeof at.value === "string") {
      const problem = textProblem(at.value, field);
      if (problem) return problem;
      continue;
    }
    if (typeof at.value !== "object" || at.value === null) continue;
    if (at.depth >= maxDepth)
      return { field: path || "(body)", rule: "max_depth", message: `${path || "the body"} may nest objects and arrays at most ${maxDepth} levels deep` };
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(at.value)) {
      at.value.forEach((v, i) => children.push({ value: v, path: join(at.path, i), depth: at.depth + 1 }));
    } else {
      for (const key in at.value) {
        const problem = textProblem(key, field);
        if (problem) return problem;
        children.push({ value: (at.value as Record<string, unknown>)[key], path: join(at.path, key), depth: at.depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}
