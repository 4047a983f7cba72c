import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { claimJobs, completeJob, failJob } from "@/lib/jobs/claim-jobs";
import { tag } from "../support/usage-fixtures";

describe("job queue", () => {
  it("several instances claiming at once get disjoint jobs; a failed attempt is retried later, then given up", async () => {
    const kind = `test.noop.${tag()}`;
    await prisma.job.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ kind, key: `${kind}:${i}`, payload: { i } })) });
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimJobs(10, [kind])));
    const ids = claims.flat().map((j) => j.id.toString());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    expect(await claimJobs(10, [kind])).toEqual([]); // all leased
    const [first, second] = claims.flat();
    await completeJob(first.id);
    await failJob({ ...second, maxAttempts: 2 }, "boom");
    const retried = await prisma.job.findUniqueOrThrow({ where: { id: second.id } });
    expect([retried.lockedUntil, retried.failedAt, retried.lastError, retried.runAt > new Date()]).toEqual([null, null, "boom", true]);
    await failJob({ ...second, attempts: 2, maxAttempts: 2 }, "boom again");
    expect((await prisma.job.findUniqueOrThrow({ where: { id: second.id } })).failedAt).not.toBeNull();
    expect((await prisma.job.findUniqueOrThrow({ where: { id: first.id } })).doneAt).not.toBeNull();
  });
});
