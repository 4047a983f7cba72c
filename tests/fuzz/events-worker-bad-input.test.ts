import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ingestInWorker, stopIngestWorker } from "@/lib/metering/ingest-worker/ingest-worker-client";
import { usePrivateDatabase } from "../support/private-database";
import { countChanges, rowCounts } from "../support/row-counts";
import { answerProblem } from "../support/fuzz/check-answer";
import { bodyCases } from "../support/fuzz/body-cases";
import { fuzzWorld, routeTargets } from "../support/fuzz/fuzz-world";
import { FuzzTally, fuzzSettings } from "../support/fuzz/tally";

// The Next.js server hands POST /api/v1/events to the ingest worker thread (api-bad-input.test.ts runs the
// same handler on the test's thread). A shorter run of the same bad bodies through the thread: the same
// rules, and nothing written for a refused request. Bodies over 1 MB never reach the worker (the route
// refuses them while reading), so that family is left out.
const { numRuns, seed } = fuzzSettings(30);
const tally = new FuzzTally();
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dropDatabase = await usePrivateDatabase("fuzz_worker");
}, 120_000);

afterAll(async () => {
  await stopIngestWorker();
  console.log(`\n${tally.table(`Ingest worker fuzz (seed ${seed}, FUZZ_RUNS ${numRuns})`)}\n`);
  await dropDatabase?.();
});

describe("bad input to POST /api/v1/events through the ingest worker thread", () => {
  it("answers a 4xx naming field and rule, or a 2xx, and writes nothing when refusing", async () => {
    const world = await fuzzWorld();
    const t = await routeTargets(world);
    const bodies = t.bodies["POST /api/v1/events"];
    let counts = await rowCounts();
    const cases = fc.oneof(...bodies.map(bodyCases)).filter((c) => c.family !== "1 MB+ body");
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        // What the route would hand over: the body read as UTF-8 text.
        const text = await new Request("http://localhost/", { method: "POST", body: c.body as BodyInit }).text();
        const reply = await ingestInWorker(world.authorization, text);
        let json: unknown = null;
        try {
          json = JSON.parse(reply.text);
        } catch {}
        const answer = { status: reply.status, contentType: "application/json", text: reply.text, json, ms: 0 };
        tally.add("POST /api/v1/events (worker)", c.family, reply.status);
        const problem = answerProblem(answer);
        if (problem) throw new Error(`[${c.family}: ${c.note}] ${problem}`);
        const after = await rowCounts();
        const changed = countChanges(counts, after);
        if (reply.status >= 400 && changed.length) throw new Error(`[${c.family}: ${c.note}] refused (${reply.status}) but wrote: ${changed.join(", ")}`);
        counts = after;
      }),
      { numRuns, seed, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
    );
  }, 120_000);
});
