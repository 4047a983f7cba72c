import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, signIn } from "./support/sign-in";

const event = (id: string) => ({ id, customer: "acme", type: "llm_tokens", properties: { tokens: 7, model: "gpt-x" } });

test("an admin makes an ingest-only key, copies it, sees its scope and last use, and finds it in the audit log", async ({ browser, request }) => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await signIn(page, ADMIN);
  await page.goto("/admin/api-keys");
  await page.getByLabel("Name").fill("e2e ingest only");
  await page.getByLabel("Scope").selectOption("INGEST");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^mtr_/);
  await expect(page.getByText("Copy this ingest key now")).toBeVisible();

  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const sent = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: event(`e2e-scope-${Date.now()}`) });
  expect(sent.status()).toBe(202);
  const read = await request.get("/api/v1/usage?customer=acme&meter=llm_tokens", { headers: { authorization: `Bearer ${secret}` } });
  expect(read.status()).toBe(403);
  expect((await read.json()).error).toMatchObject({ code: "insufficient_scope", requiredScope: "read" });

  await page.reload();
  const row = page.getByTestId(`api-key-${secret.slice(0, 10)}`);
  await expect(row.getByTestId("api-key-scope")).toHaveText("Ingest only");
  await expect(row.getByTestId("api-key-last-used")).toContainText("just now");
  await expect(row.getByTestId("api-key-last-used")).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toHaveAttribute("data-action", "api_key.revoked");
  await expect(rows.first()).toContainText(ADMIN.email);
  await expect(rows.first()).toContainText("e2e ingest only");

  await page.getByLabel("Action").selectOption("api_key.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=api_key.created/);
  await expect(rows.first()).toContainText("scope: INGEST");
  for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")))) expect(action).toBe("api_key.created");
  expect(errors).toEqual([]);
});

test("the Copy button falls back when the clipboard API is refused", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN);
  await page.goto("/admin/api-keys");
  await page.evaluate(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
  });
  await page.getByLabel("Name").fill("e2e fallback copy");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
});

test("members cannot open the audit log", async ({ page }) => {
  await signIn(page, MEMBER);
  const res = await page.goto("/admin/audit");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("audit-log")).toHaveCount(0);
});
