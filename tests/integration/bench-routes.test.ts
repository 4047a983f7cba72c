import { afterEach, describe, expect, it } from "vitest";
import { POST as echo } from "@/app/api/bench/echo/route";
import { POST as noop } from "@/app/api/bench/noop/route";
import { GET as stats } from "@/app/api/bench/stats/route";

const BENCH = process.env.METERLY_BENCH;
afterEach(() => {
  if (BENCH === undefined) delete process.env.METERLY_BENCH;
  else process.env.METERLY_BENCH = BENCH;
});

const post = (handler: (req: Request) => Promise<Response> | Response, body = '{"id":"e1"}') =>
  handler(new Request("http://localhost/api/bench", { method: "POST", headers: { "content-type": "application/json" }, body }));

describe("the benchmark's routes", () => {
  it("do not exist unless the server runs with METERLY_BENCH=1", async () => {
    delete process.env.METERLY_BENCH;
    expect((await post(noop)).status).toBe(404);
    expect((await post(echo)).status).toBe(404);
    expect((await stats()).status).toBe(404);
  });

  it("no-op answers 204 without a body; echo reads the body and answers 202 with a one-event reply", async () => {
    process.env.METERLY_BENCH = "1";
    const n = await post(noop);
    expect(n.status).toBe(204);
    expect(await n.text()).toBe("");
    const body = JSON.stringify({ id: "e1", customer: "c", type: "t" });
    const e = await post(echo, body);
    expect(e.status).toBe(202);
    expect(e.headers.get("content-type")).toBe("application/json");
    expect(await e.json()).toEqual({ id: `echo-${body.length}`, status: "accepted" });
  });

  it("echo refuses a body over the ingestion limit, as the events route does (413)", async () => {
    process.env.METERLY_BENCH = "1";
    const res = await post(echo, "x".repeat(1024 * 1024 + 1));
    expect(res.status).toBe(413);
  });
});
