import type { z } from "zod";
import type { FieldProblem } from "./app-error";

/** Turns a zod error into field problems with dotted paths ("events.3.properties.tokens"). */
export function zodProblems(error: z.ZodError, prefix: (string | number)[] = []): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    return { field: path.join(".") || "(body)", rule: issue.code, message: issue.message };
  });
}
