import { expect, test, type Page } from "@playwright/test";
import { ADMIN, MEMBER, signIn } from "./support/sign-in";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const LOOPBACK = `http://127.0.0.1:${PORT}`;

/** Pays on the sandbox's hosted Stripe page. */
async function payWithCard(page: Page, card: string): Promise<void> {
  await expect(page.getByText("Test mode", { exact: true })).toBeVisible();
  await page.locator("#cardNumber").fill(card);
  await page.locator("#cardExpiry").fill("12 / 34");
  await page.locator("#cardCvc").fill("123");
  await page.locator("#cardName").fill("Ada at Acme");
  await page.getByRole("button", { name: /^Pay / }).click();
}

test("a member signed in at 127.0.0.1 comes back there from Checkout, signed in, to a /credits that hydrates cleanly", async ({ browser }) => {
  test.setTimeout(90_000);
  // APP_URL says localhost; this member uses 127.0.0.1, in a browser far from UTC with another locale.
  const context = await browser.newContext({ baseURL: LOOPBACK, timezoneId: "America/Los_Angeles", locale: "de-DE" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, MEMBER);
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy Starter credits" }).click();
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(new RegExp(`^${LOOPBACK.replace(/[.]/g, "\\.")}/credits/purchases/[0-9a-f-]+`));
  await expect(page.getByTestId("purchase-status")).toContainText("Paid", { timeout: 15_000 });

  // /credits renders the same dates on the server and in this browser: no hydration error (#418), all UTC.
  errors.length = 0;
  await page.goto("/credits");
  await expect(page.getByTestId("credit-history")).toBeVisible();
  await expect(page.getByTestId("credit-history").locator("tbody tr").first()).toContainText("UTC");
  await expect(page.getByTestId("credit-balance")).toBeVisible();
  await page.waitForTimeout(2500); // a poll of the live balance and history
  expect(errors.filter((e) => /hydrat|#418|#423|did not match/i.test(e))).toEqual([]);

  // A declined card: the notice says when (UTC), ends its sentence once, and can be dismissed for good.
  await page.getByRole("button", { name: "Buy Starter credits" }).click();
  await payWithCard(page, "4000 0000 0000 0002");
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`^${LOOPBACK.replace(/[.]/g, "\\.")}/credits\\?canceled=`));
  const notice = page.getByTestId("pending-purchase");
  await expect(notice).toContainText(/on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} UTC did not go through: Your card was declined\. No credits were added for it\./);
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("credit-balance")).toBeVisible();
  await expect(page.getByTestId("pending-purchase")).toHaveCount(0);
  await context.close();
});

test("the admin's customer page names the customer instead of saying 'your'", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Acme AI", exact: true }).click();
  const credits = admin.getByTestId("customer-credits");
  await expect(credits).toContainText("Credits of Acme AI");
  await expect(credits).toContainText("Acme AI's balance");
  await expect(credits).not.toContainText("Your credits");
  await expect(credits).not.toContainText("Buy a pack above");
});

test("every page has an icon that loads, and /favicon.ico answers", async ({ page, request }) => {
  await page.goto("/signin");
  const hrefs = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^image\//);
  }
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\//);
});
