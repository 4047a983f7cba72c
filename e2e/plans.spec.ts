import { expect, test, type Page } from "@playwright/test";
import { ADMIN, MEMBER, createKeyInAdminUi, signIn } from "./support/sign-in";

/** Builds a graduated plan in the draft editor: 1,000 tokens free, then $1 per 1K up to 10,000 more, then $0.50 per 1K. */
async function buildGraduatedPlan(page: Page, name: string) {
  await page.goto("/admin/plans");
  await page.getByLabel("Plan name").fill(name);
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page).toHaveURL(/\/admin\/plans\/[0-9a-f-]+\/versions\/[0-9a-f-]+$/);
  await page.getByRole("button", { name: "+ Add price" }).click();
  const price = page.getByTestId("price-0");
  await price.getByLabel("Meter").selectOption({ label: "LLM tokens (llm_tokens)" });
  await price.getByLabel("Pricing model").selectOption("graduated");
  await price.getByLabel("Included units").fill("1,000");
  // Prices typed per 1K tokens, as the summary shows them; stored per token ($0.001 and $0.0005).
  await price.getByLabel("Unit prices typed").selectOption("1K");
  await price.getByLabel("Tier 1 up to").fill("10,000");
  await price.getByLabel("Tier 1 unit price").fill("1,5");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(price.getByRole("alert")).toContainText("prices.0.model.tiers.0.unitPrice");
  await expect(price.getByRole("alert")).toContainText('"1,5" is ambiguous');
  await price.getByLabel("Tier 1 unit price").fill("1");
  await price.getByLabel("Tier 2 unit price").fill("0.50");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page).toHaveURL(/\/admin\/plans\/[0-9a-f-]+$/);
  await expect(page.getByTestId("version-1")).toContainText("Published");
  await expect(page.getByTestId("version-1")).toContainText("First 10,000: $1.00 per 1K tokens");
}

test("an admin builds a graduated plan, assigns it to Acme, and the member's Plan page shows the running charge", async ({ browser, request }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  const name = `E2E Graduated ${Date.now()}`;
  await buildGraduatedPlan(admin, name);

  // The calculator reads "12,000" as the editor does and prices it with the same engine: 10,000 × $0.001 + 1,000 × $0.0005.
  await admin.getByLabel("LLM tokens quantity").fill("12,000");
  await admin.getByRole("button", { name: "Calculate" }).click();
  await expect(admin.getByTestId("quote-total")).toHaveText("$10.50");

  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Acme AI", exact: true }).click();
  await admin.getByLabel("Plan version").selectOption({ label: `${name} v1` });
  const assign = admin.getByRole("button", { name: "Assign plan" });
  if (await assign.isVisible()) {
    await assign.click();
    await expect(admin.getByRole("status")).toHaveText("Plan assigned.");
  } else {
    // A retry finds Acme subscribed from the first attempt: move it to the new plan now.
    await admin.getByLabel("When").selectOption("now");
    await admin.getByRole("button", { name: "Change plan" }).click();
    await expect(admin.getByRole("status")).toContainText("Changed now");
  }
  await expect(admin.getByTestId("subscriptions")).toContainText(`${name} v1`);

  const secret = await createKeyInAdminUi(admin, "e2e plans");
  const event = (id: string, tokens: number) => ({ id: `${id}-${Date.now()}`, customer: "acme", type: "llm_tokens", properties: { tokens, model: "gpt-e2e" } });
  const res = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: { events: [event("plan-1", 7000), event("plan-2", 5000)] } });
  expect(res.status()).toBe(202);

  const member = await (await browser.newContext()).newPage();
  await signIn(member, MEMBER);
  await member.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(member).toHaveURL(/\/plan$/);
  await expect(member.getByTestId("plan-name")).toContainText(name);
  const tokens = member.getByTestId("meter-llm_tokens");
  await expect(tokens).toContainText("12,000 tokens");
  await expect(tokens).toContainText("The first 1,000 tokens each period are free");
  await expect(member.getByTestId("meter-charge-llm_tokens")).toHaveText("$10.50");
  await expect(member.getByTestId("plan-total")).toHaveText("$10.50");

  const summary = await request.get("/api/v1/customers/acme/usage-summary", { headers: { authorization: `Bearer ${secret}` } });
  expect(summary.status()).toBe(200);
  expect((await summary.json()).total).toEqual({ amountMinor: 1050, currency: "USD", formatted: "$10.50" });
});

test("a member cannot open the plans or customer admin pages", async ({ page }) => {
  await signIn(page, MEMBER);
  for (const path of ["/admin/plans", "/admin/customers/00000000-0000-4000-8000-000000000000"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByText("Price calculator")).toHaveCount(0);
  }
  const api = await page.request.get("/api/admin/plans");
  expect(api.status()).toBe(403);
});
