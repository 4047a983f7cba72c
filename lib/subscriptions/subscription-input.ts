import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";

export const assignInput = z.strictObject({ planVersionId: z.string({ error: "planVersionId is required" }).min(1, "planVersionId is required") });

export const changeInput = z.strictObject({
  planVersionId: z.string({ error: "planVersionId is required" }).min(1, "planVersionId is required"),
  /** now: upgrade at once, base fee prorated; period_end: downgrade when the current period ends. */
  timing: z.enum(["now", "period_end"], "timing must be now or period_end"),
});

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "Invalid subscription request", { problems: zodProblems(parsed.error) });
  return parsed.data;
}
