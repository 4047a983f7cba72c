import { z } from "zod";

export const assignInput = z.strictObject({
  planVersionId: z.string({ error: "planVersionId is required" }).min(1, "planVersionId is required"),
});

export const changeInput = z.strictObject({
  planVersionId: z.string({ error: "planVersionId is required" }).min(1, "planVersionId is required"),
  /** now: upgrade at once, base fee prorated; period_end: downgrade when the current period ends. */
  timing: z.enum(["now", "period_end"], "timing must be now or period_end"),
});
