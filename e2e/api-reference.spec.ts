import { expect, test } from "@playwright/test";

test("the API reference renders the OpenAPI document from this origin, under the page CSP, with no console errors", async ({ page, baseURL }) => {
  const problems: string[] = [];
  const origin = new URL(baseURL!).origin;
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`off-origin request: ${url}`);
  });
  const response = await page.goto("/docs/api");
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByText("Meterly API").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Report usage events").first()).toBeVisible();
  // Sections below the fold render when reached: open the Stripe group from the sidebar.
  await page.getByRole("link", { name: "Stripe compatibility" }).click();
  await expect(page.getByRole("heading", { name: "Report usage as a Stripe meter event" })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(problems).toEqual([]);
});

test("the OpenAPI document is public", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe("3.1.0");
});
