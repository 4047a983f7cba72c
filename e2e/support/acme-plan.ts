import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Puts Acme (or the customer named `customer`) on a new published postpaid plan charging `unitPrice` a token
 * plus `baseFeeMinor` a month (through the admin API, as the signed-in admin on `admin`): assigned, or changed
 * to now when it is already on one. Returns the customer's id.
 */
export async function putAcmeOnPlan(
  admin: Page,
  opts: { name?: string; unitPrice?: string; baseFeeMinor?: number; customer?: string } = {},
): Promise<string> {
  await admin.goto("/admin");
  await admin.getByRole("link", { name: opts.customer ?? "Acme AI", exact: true }).click();
  await expect(admin).toHaveURL(/\/admin\/customers\/[0-9a-f-]+$/);
  const customerId = admin.url().split("/").pop()!;
  const api: APIRequestContext = admin.request;
  const plan = await (
    await api.post("/api/admin/plans", {
      data: { name: opts.name ?? `E2E plan ${Date.now()}`, currency: "USD" },
    })
  ).json();
  const terms = {
    currency: "USD",
    interval: "MONTH",
    baseFeeMinor: opts.baseFeeMinor ?? 0,
    minimumSpendMinor: 0,
    trialDays: 0,
    paymentTerms: "POSTPAID",
  };
  const meters = await (await api.get("/api/admin/meters")).json();
  const tokens = (meters.meters ?? meters).find((m: { key: string }) => m.key === "llm_tokens");
  const saved = await api.put(`/api/admin/plan-versions/${plan.draftVersionId}`, {
    data: {
      ...terms,
      prices: [{ meterId: tokens.id, model: { kind: "per_unit", unitPrice: opts.unitPrice ?? "0.001" } }],
    },
  });
  expect(saved.status()).toBe(200);
  expect((await api.post(`/api/admin/plan-versions/${plan.draftVersionId}/publish`)).status()).toBe(200);
  const assigned = await api.post(`/api/admin/customers/${customerId}/subscription`, {
    data: { planVersionId: plan.draftVersionId },
  });
  if (assigned.status() === 409) {
    const changed = await api.post(`/api/admin/customers/${customerId}/subscription/change`, {
      data: { planVersionId: plan.draftVersionId, timing: "now" },
    });
    expect(changed.status()).toBeLessThan(300);
  } else expect(assigned.status()).toBe(201);
  return customerId;
}
