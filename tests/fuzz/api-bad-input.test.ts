import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { usePrivateDatabase } from "../support/private-database";
import { routeFiles, routeHandlers, type HttpMethod, type RouteFile } from "../support/route-files";
import { countChanges, rowCounts } from "../support/row-counts";
import { signInAs } from "../support/session";
import { answerProblem } from "../support/fuzz/check-answer";
import { fuzzRequests, sendFuzz, type FuzzRequest, type RouteTarget } from "../support/fuzz/fuzz-request";
import { fuzzWorld, routeTargets, type FuzzWorld } from "../support/fuzz/fuzz-world";
import { FuzzTally, fuzzSettings } from "../support/fuzz/tally";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Thousands of bad requests to every /api/v1 and admin route handler, found in the tree (a new route is
// fuzzed without anyone listing it). Each answer is a 4xx naming the field and rule, or a 2xx; never a
// 5xx, never a hang; a refused request leaves every table's row count as it was. The file runs on a
// database of its own, so the count of every table's rows is exact and checked after each request.
// FUZZ_RUNS (runs per route and method; POST /api/v1/events gets 6×) and FUZZ_SEED are read from the env.
const { numRuns, seed } = fuzzSettings(30);
const EVENTS_FACTOR = 6;
const tally = new FuzzTally();
const routes = routeFiles("api/v1", "api/admin");

let world: FuzzWorld;
let dropDatabase: (() => Promise<void>) | undefined;
let counts: Record<string, number>;

beforeAll(async () => {
  dropDatabase = await usePrivateDatabase("fuzz_api");
  world = await fuzzWorld();
  signInAs(world.admin);
  counts = await rowCounts();
}, 120_000);

afterAll(async () => {
  console.log(`\n${tally.table(`API fuzz (seed ${seed}, FUZZ_RUNS ${numRuns})`)}\n`);
  await dropDatabase?.();
});

const routeClass = (r: RouteFile, m: HttpMethod) =>
  r.urlPath === "/api/v1/events" ? "POST /api/v1/events" : r.urlPath.startsWith("/api/v1/") ? `${m} /api/v1 other` : `${m} /api/admin`;

/** Families whose body no route that reads JSON may accept. */
const NEVER_ACCEPTED = new Set(["truncated JSON", "1 MB+ body"]);

async function check(t: RouteTarget, handler: Parameters<typeof sendFuzz>[1], r: FuzzRequest): Promise<void> {
  const answer = await sendFuzz(t, handler, r);
  tally.add(routeClass(t.route, t.method), r.family, answer.status);
  const where = `${t.method} ${t.route.urlPath} [${r.family}: ${r.note}]`;
  const problem = answerProblem(answer);
  if (problem) throw new Error(`${where} ${problem}`);
  if (answer.status < 400 && NEVER_ACCEPTED.has(r.family) && t.bodies.length)
    throw new Error(`${where} accepted a body it should refuse: ${answer.status} ${answer.text.slice(0, 200)}`);
  const after = await rowCounts();
  if (answer.status >= 400) {
    const changed = countChanges(counts, after);
    if (changed.length) throw new Error(`${where} was refused (${answer.status}) but wrote: ${changed.join(", ")}`);
  }
  counts = after;
}

describe("bad input to every /api/v1 and admin route", () => {
  it("finds the routes in the tree", () => {
    expect(routes.map((r) => r.urlPath)).toContain("/api/v1/events");
    expect(routes.filter((r) => r.urlPath.startsWith("/api/admin/")).length).toBeGreaterThan(10);
  });

  for (const route of routes) {
    it(`${route.urlPath}: every method refuses bad input with a 4xx naming it, writing nothing`, async () => {
      const handlers = await routeHandlers(route);
      const targets = await routeTargets(world);
      counts = await rowCounts();
      expect(Object.keys(handlers).length).toBeGreaterThan(0);
      for (const [method, handler] of Object.entries(handlers) as [HttpMethod, NonNullable<(typeof handlers)[HttpMethod]>][]) {
        const t: RouteTarget = {
          route,
          method,
          goodParams: Object.fromEntries(route.params.map((p) => [p, targets.params[p] ?? "x"])),
          authorization: route.urlPath.startsWith("/api/v1/") ? world.authorization : null,
          bodies: targets.bodies[`${method} ${route.urlPath}`] ?? [],
        };
        const runs = route.urlPath === "/api/v1/events" ? numRuns * EVENTS_FACTOR : numRuns;
        await fc.assert(
          fc.asyncProperty(fuzzRequests(t), (r) => check(t, handler, r)),
          { numRuns: runs, seed, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
        );
      }
    }, 300_000);
  }
});
