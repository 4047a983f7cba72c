import "server-only";
import { upsertCustomer, upsertMeter, upsertUser } from "./factories";
import { seedDemoPlan } from "./demo-plan";
import { seedDemoCreditPacks } from "./demo-credit-packs";

export const DEMO_ADMIN = { email: "admin@meterly.local", password: "meterly-admin" };
export const DEMO_MEMBER = { email: "dev@acme.test", password: "meterly-member" };

/**
 * The demo data `npm start` loads: idempotent, so every start may run it. The e2e suite seeds the same
 * data without the demo plan, because its specs build and assign plans through the UI.
 */
export async function seedDemoData(opts: { plan?: boolean } = {}) {
  const acme = await upsertCustomer({ externalId: "acme", name: "Acme AI" });
  const admin = await upsertUser({ ...DEMO_ADMIN, role: "ADMIN", name: "Meterly Admin" });
  await upsertUser({ ...DEMO_MEMBER, role: "MEMBER", customerId: acme.id, name: "Ada at Acme" });
  const tokens = await upsertMeter({
    key: "llm_tokens",
    name: "LLM tokens",
    eventType: "llm_tokens",
    aggregation: "SUM",
    valueProperty: "tokens",
    groupBy: ["model"],
    unit: "tokens",
  });
  await seedDemoCreditPacks();
  if (opts.plan !== false)
    await seedDemoPlan(
      { kind: "user", userId: admin.id, role: "ADMIN", customerId: null },
      acme.id,
      tokens.id,
    );
  return { acme };
}
