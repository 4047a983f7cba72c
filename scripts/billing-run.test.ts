import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { upcoming } from "../tests/support/billing-fixtures";
import { subscribe } from "../tests/support/plan-fixtures";
import { adminUser, customerWithKey } from "../tests/support/usage-fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");

/** `npm run billing:run -- <args>` in its own process, on the test database. */
function billingRun(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/billing-run.ts", ...args],
    { cwd: ROOT, env: process.env },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, out }));
  });
}

describe("npm run billing:run", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });

  it("closes a customer's period as of --at, says what it did, writes nothing with --dry-run, and creates nothing the second time", async () => {
    const { customer } = await customerWithKey("cli");
    await subscribe(admin, customer.id, { baseFeeMinor: 1500 });
    const at = new Date(
      new Date((await upcoming(admin, customer.id)).period.end).getTime() + 25 * 3_600_000,
    ).toISOString();

    const dry = await billingRun(["--at", at, "--customer", customer.externalId, "--dry-run"]);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain("(dry run: nothing written): 1 customer(s) examined, would draft 1 invoice(s)");
    expect(await prisma.invoice.count({ where: { customerId: customer.id } })).toBe(0);

    const run = await billingRun(["--at", at, "--customer", customer.externalId]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("drafted 1 invoice(s), finalized 1 of 1 due draft(s)");
    const inv = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(inv).toMatchObject({ status: "OPEN", totalMinor: 1500n });

    const again = await billingRun(["--at", at, "--customer", customer.id]);
    expect(again.out).toContain("drafted 0 invoice(s), finalized 0 of 0 due draft(s)");
    expect(await prisma.invoice.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("refuses a bad --at or an unknown customer with exit 2 and a message naming it", async () => {
    const bad = await billingRun(["--at", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--at must be an ISO time such as 2026-12-01T00:00:00Z (got "yesterday")');
    const unknown = await billingRun(["--customer", "no-such-customer-xyz", "--dry-run"]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('No customer "no-such-customer-xyz"');
  });
});
