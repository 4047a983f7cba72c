import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, createKeyInAdminUi, signIn } from "./support/sign-in";

const tokensEvent = (id: string, tokens: number) => ({ id, customer: "acme", type: "llm_tokens", properties: { tokens, model: "gpt-e2e" } });

test("admin creates a key, uses it, revokes it, and it is refused", async ({ page, request }) => {
  await signIn(page, ADMIN);
  const secret = await createKeyInAdminUi(page, "e2e ingest");
  const ok = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: tokensEvent("e2e-admin-1", 5) });
  expect(ok.status()).toBe(202);

  await page.reload();
  const row = page.getByTestId(`api-key-${secret.slice(0, 10)}`);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: tokensEvent("e2e-admin-2", 5) });
  expect(refused.status()).toBe(401);
});

test("a member sees their usage total change when usage is posted", async ({ browser, request }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, ADMIN);
  const secret = await createKeyInAdminUi(adminPage, "e2e member usage");

  const page = await (await browser.newContext()).newPage();
  await signIn(page, MEMBER);
  await expect(page).toHaveURL(/\/dashboard$/);
  const total = page.getByTestId("usage-total");
  const before = Number((await total.textContent())!.replace(/[^\d]/g, ""));

  const res = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${secret}` },
    data: { events: [tokensEvent("e2e-member-1", 1000), tokensEvent("e2e-member-2", 234)] },
  });
  expect(res.status()).toBe(202);
  // The dashboard refreshes itself: no reload.
  await expect(total).toContainText((before + 1234).toLocaleString("en-US"));
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(MEMBER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a member cannot open admin pages, an admin is kept out of the portal", async ({ browser }) => {
  const member = await (await browser.newContext()).newPage();
  await signIn(member, MEMBER);
  for (const path of ["/admin", "/admin/api-keys"]) {
    const res = await member.goto(path);
    expect(res?.status()).toBe(404);
    await expect(member.getByText("API keys")).toHaveCount(0);
  }
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/dashboard");
  await expect(admin).toHaveURL(/\/admin$/);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

test("the header shows the logo, and every page names the gauge icon", async ({ page, request }) => {
  await signIn(page, MEMBER);
  const logo = page.getByRole("banner").getByRole("img", { name: "Meterly" });
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // The gauge as SVG; /favicon.ico beside it is for browsers that ask for that (e2e/new-user-defects.spec.ts).
  const icon = await page.locator('head link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const res = await request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
});
