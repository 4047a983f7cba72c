import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@meterly.local", password: "meterly-admin" };
export const MEMBER = { email: "dev@acme.test", password: "meterly-member" };

/** Signs in through the app's own sign-in page. */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(who.email);
}

/** Creates an API key in the admin UI and returns its secret (shown once). */
export async function createKeyInAdminUi(page: Page, name: string): Promise<string> {
  await page.goto("/admin/api-keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())?.trim();
  expect(secret).toMatch(/^mtr_/);
  return secret!;
}
