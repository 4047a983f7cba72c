import { randomUUID } from "node:crypto";
import { createTestApiKey, upsertCustomer, upsertMeter } from "@/lib/seed/factories";

/** A customer with a tokens meter and an unrestricted API key, all with unique names so test files can share a database. */
export async function meteredCustomer() {
  const tag = randomUUID().slice(0, 8);
  const customer = await upsertCustomer({ externalId: `acme-${tag}`, name: `Acme ${tag}` });
  const meter = await upsertMeter({ key: `tokens_${tag}`, eventType: `llm_tokens_${tag}`, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"] });
  const key = await createTestApiKey({ name: `key ${tag}` });
  return { tag, customer, meter, key };
}
