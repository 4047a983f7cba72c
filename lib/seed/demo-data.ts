import "server-only";
import { upsertCustomer, upsertMeter, upsertUser } from "./factories";

export const DEMO_ADMIN = { email: "admin@meterly.local", password: "meterly-admin" };
export const DEMO_MEMBER = { email: "dev@acme.test", password: "meterly-member" };

/** The demo data `npm start` loads: idempotent, so every start may run it. */
export async function seedDemoData() {
  const acme = await upsertCustomer({ externalId: "acme", name: "Acme AI" });
  await upsertUser({ ...DEMO_ADMIN, role: "ADMIN", name: "Meterly Admin" });
  await upsertUser({ ...DEMO_MEMBER, role: "MEMBER", customerId: acme.id, name: "Ada at Acme" });
  await upsertMeter({
    key: "llm_tokens",
    name: "LLM tokens",
    eventType: "llm_tokens",
    aggregation: "SUM",
    valueProperty: "tokens",
    groupBy: ["model"],
    unit: "tokens",
  });
  return { acme };
}
