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
});
