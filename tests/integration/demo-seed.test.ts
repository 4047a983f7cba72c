import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ADMIN, DEMO_MEMBER, seedDemoData } from "@/lib/seed/demo-data";

describe("demo seed", () => {
  it("is idempotent and leaves Acme on the demo plan with working sign-ins", async () => {
    await seedDemoData();
    await seedDemoData();
    const acme = await prisma.customer.findUniqueOrThrow({ where: { externalId: "acme" } });
    expect(await prisma.plan.count({ where: { name: "AI Starter" } })).toBe(1);
    expect(await prisma.subscription.count({ where: { customerId: acme.id } })).toBe(1);
    expect(await prisma.meter.count({ where: { key: "llm_tokens" } })).toBe(1);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN.email } });
    const member = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_MEMBER.email } });
    expect(admin.role).toBe("ADMIN");
    expect(member).toMatchObject({ role: "MEMBER", customerId: acme.id });
    expect(await verifyPassword(DEMO_MEMBER.password, member.passwordHash)).toBe(true);
  });

  it("gives Acme two past months of usage billed by the billing run: one invoice paid, one open, each equal to its period's charges", async () => {
    const acme = await prisma.customer.findUniqueOrThrow({ where: { externalId: "acme" } });
    const invoices = await prisma.invoice.findMany({
      where: { customerId: acme.id },
      orderBy: { periodStart: "asc" },
      include: { lines: true },
    });
    expect(invoices.map((i) => i.status)).toEqual(["PAID", "OPEN"]);
    expect(invoices[1].periodStart).toEqual(invoices[0].periodEnd);
    for (const inv of invoices) {
      expect(inv.number).toMatch(/^MTR-\d{4}-\d{6}$/);
      expect(inv.lines.map((l) => l.kind)).toEqual(["BASE_FEE", "USAGE"]);
      const charges = await prisma.periodMeterCharge.findMany({
        where: { customerId: acme.id, periodStart: inv.periodStart },
      });
      expect(charges).toHaveLength(1);
      expect(inv.lines[1].quantity!.toString()).toBe(charges[0].quantity.toString());
      expect(inv.totalMinor).toBe(inv.lines.reduce((s, l) => s + l.amountMinor, 0n));
      expect(inv.totalMinor).toBeGreaterThan(2000n);
    }
    expect(invoices[0].amountPaidMinor).toBe(invoices[0].amountDueMinor);
  });
});
