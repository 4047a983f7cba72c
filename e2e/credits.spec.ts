import { expect, test, type Page } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { ADMIN, MEMBER, createKeyInAdminUi, signIn } from "./support/sign-in";

const PACK = `E2E pack ${Date.now().toString(36)}`;

/** Pays on the sandbox's hosted Stripe page. */
async function payWithCard(page: Page, card: string): Promise<void> {
  await expect(page.getByText("Test mode", { exact: true })).toBeVisible();
  await page.locator("#cardNumber").fill(card);
  await page.locator("#cardExpiry").fill("12 / 34");
  await page.locator("#cardCvc").fill("123");
  await page.locator("#cardName").fill("Ada at Acme");
  await page.getByRole("button", { name: /^Pay / }).click();
}

test("a member buys credits through Checkout, sees a decline add nothing, watches usage burn the balance live, and auto-recharge top it up once", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole("link", { name: "Credit packs" }).click();
  await admin.getByLabel("Pack name").fill(PACK);
  await admin.getByLabel("Price").fill("10.00");
  await admin.getByLabel("Credits", { exact: true }).fill("10.00");
  await admin.getByLabel("Bonus credits").fill("2.50");
  await admin.getByRole("button", { name: "Create pack" }).click();
  await expect(admin.getByRole("status")).toContainText(`Pack ${PACK} saved`);
  await expect(admin.getByTestId(`admin-pack-${PACK}`)).toContainText("$10.00");
  await putAcmeOnPlan(admin, { name: `E2E credits ${Date.now()}` });
  const secret = await createKeyInAdminUi(admin, "e2e credits");

  const page = await (await browser.newContext()).newPage();
  await signIn(page, MEMBER);
  await expect(page.getByTestId("test-payments")).toHaveText("test payments");
  await page.getByRole("link", { name: "Credits", exact: true }).click();
  const balance = page.getByTestId("credit-balance");
  const start = Number((await balance.textContent())!.replace(/[^\d.]/g, ""));
  const money = (n: number) => `$${n.toFixed(2)}`;

  // 4242 pays: the return page is pending until Stripe's webhook lands, then shows the new balance.
  await page.getByRole("button", { name: `Buy ${PACK}` }).click();
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/credits\/purchases\/[0-9a-f-]+/);
  await expect(page.getByTestId("purchase-status")).toContainText("Paid: $12.50 in credits added.", { timeout: 15_000 });
  await expect(page.getByTestId("purchase-balance")).toHaveText(money(start + 12.5));

  // 4000 0000 0000 0002 is declined: Stripe's page says so, and no credits are added.
  await page.goto("/credits");
  await page.getByRole("button", { name: `Buy ${PACK}` }).click();
  await payWithCard(page, "4000 0000 0000 0002");
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/credits\?canceled=/);
  await expect(page.getByText("Payment canceled: nothing was charged.")).toBeVisible();
  await expect(balance).toHaveText(money(start + 12.5));
  await expect(page.getByTestId("pending-purchase")).toContainText("Your card was declined.");

  // Usage burns credits; the balance falls without a reload.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const send = async (id: string, tokens: number) => {
    const res = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: { id: `${id}-${Date.now()}`, customer: "acme", type: "llm_tokens", properties: { tokens, model: "gpt-e2e" } } });
    expect(res.status()).toBe(202);
  };
  await send("burn-1", 2000);
  await expect(balance).toHaveText(money(start + 10.5), { timeout: 6000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByTestId("entry-burn").first()).toContainText("-$2.00");

  // Auto-recharge: turning it on buys the pack once to save the card.
  const recharge = page.getByTestId("auto-recharge");
  await recharge.getByLabel(/When the balance drops under/).fill("9.00");
  await recharge.getByLabel("Buy this pack").selectOption({ label: `${PACK} ($10.00)` });
  await recharge.getByRole("button", { name: /Turn on auto-recharge/ }).click();
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page.getByTestId("purchase-status")).toContainText("Paid", { timeout: 15_000 });
  await page.goto("/credits");
  await expect(page.getByTestId("auto-recharge-status")).toContainText(`under $9.00, we buy ${PACK} with your visa •••• 4242`);
  await expect(balance).toHaveText(money(start + 23));

  // Burn under $9.00: one off-session charge, credited by the webhook, shown live.
  await send("burn-2", 15000);
  await expect(balance).toHaveText(money(start + 20.5), { timeout: 20_000 });
  await page.waitForTimeout(3000);
  await expect(balance).toHaveText(money(start + 20.5));
  await expect(page.getByTestId("credit-history").getByText(`Auto-recharge: ${PACK}`)).toHaveCount(1);

  // Leave Acme as the other specs expect it: no auto-recharge.
  await recharge.getByRole("button", { name: "Turn off auto-recharge" }).click();
  await expect(page.getByTestId("auto-recharge-status")).toContainText("Off.");
});

test("a member cannot open the admin credit packs page, and another customer's purchase is a 404", async ({ page }) => {
  await signIn(page, MEMBER);
  expect((await page.goto("/admin/credit-packs"))?.status()).toBe(404);
  expect((await page.goto("/credits/purchases/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  expect((await page.request.get("/api/portal/credits/purchases/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});

test("an admin grants promotional credits with an expiry and adjusts the balance with a reason on the customer page", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Acme AI", exact: true }).click();
  const panel = page.getByTestId("customer-credits");
  const balance = panel.getByTestId("admin-credit-balance");
  const before = Number((await balance.textContent())!.replace(/[^\d.]/g, ""));
  const promo = panel.getByTestId("promo-form");
  await promo.getByLabel(/Amount/).fill("5.00");
  await promo.getByLabel(/Expires/).fill("2099-12-31");
  await promo.getByLabel(/Description/).fill("E2E launch promo");
  await promo.getByRole("button", { name: "Grant credits" }).click();
  await expect(promo.getByRole("status")).toHaveText("Granted 5.00 in promotional credits.");
  await expect(balance).toHaveText(`$${(before + 5).toFixed(2)}`);
  await expect(panel.getByTestId("credit-grants")).toContainText("E2E launch promo");
  const adjust = panel.getByTestId("adjust-form");
  await adjust.getByLabel(/Amount/).fill("-1.00");
  await adjust.getByRole("button", { name: "Adjust" }).click();
  await expect(adjust.getByRole("alert")).toHaveText("Fix the highlighted fields.");
  await expect(adjust).toContainText("reason is required");
  await adjust.getByLabel(/Reason/).fill("E2E correction");
  await adjust.getByRole("button", { name: "Adjust" }).click();
  await expect(adjust.getByRole("status")).toHaveText("Adjusted the balance by -1.00.");
  await expect(balance).toHaveText(`$${(before + 4).toFixed(2)}`);
});
