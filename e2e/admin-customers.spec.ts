import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/sign-in";

const RUN = Date.now().toString(36);
const CUSTOMER = { externalId: `created-${RUN}`, name: `E2E Created ${RUN}` };
const MEMBER = { email: `invited-${RUN}@e2e.test`, password: "invited-e2e-password" };

/** The one-time link in the newest email of `subject` to `to`, read on the admin's Mail page (the local catcher). */
async function emailedLink(admin: Page, to: string, subject: RegExp, path: string): Promise<string> {
  const row = admin.getByTestId("mail-table").getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first();
  await expect(async () => {
    await admin.goto("/admin/mail");
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole("link").first().click();
  const text = (await admin.getByTestId("mail-text").textContent()) ?? "";
  const url = text.match(new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`))?.[0];
  expect(url, `a ${path} link in the email`).toBeTruthy();
  return new URL(url!).pathname + new URL(url!).search;
}

test("an admin creates a customer, invites a member who joins and signs in, and the member resets their password", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);

  // Create the customer from the list.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "New customer" }).click();
  await expect(admin.getByRole("heading", { name: "New customer" })).toBeVisible();
  await admin.getByLabel("Name").fill(CUSTOMER.name);
  await admin.getByLabel(/^External id/).fill(CUSTOMER.externalId);
  await admin.getByLabel("Currency").selectOption("USD");
  await admin.getByLabel(/^Billing email/).fill(`billing-${RUN}@e2e.test`);
  await admin.getByRole("button", { name: "Create customer" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(CUSTOMER.name);
  const customerUrl = admin.url();

  // The same externalId again is refused on its field.
  await admin.goto("/admin/customers/new");
  await admin.getByLabel("Name").fill("Duplicate");
  await admin.getByLabel(/^External id/).fill(CUSTOMER.externalId);
  await admin.getByRole("button", { name: "Create customer" }).click();
  await expect(admin.getByText(`A customer with externalId "${CUSTOMER.externalId}" exists already`)).toBeVisible();

  // The list finds it by externalId and by billing email, with its balance, plan and status.
  await admin.goto("/admin");
  await admin.getByRole("searchbox", { name: "Search customers" }).fill(`billing-${RUN}`);
  await admin.getByRole("button", { name: "Search" }).click();
  const rows = admin.getByTestId("customer-list").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(CUSTOMER.name);
  await expect(rows.nth(1)).toContainText("$0.00");
  await expect(rows.nth(1)).toContainText("none");
  await expect(rows.nth(1)).toContainText("active");

  // Invite a member; the invitation arrives by email.
  await admin.goto(customerUrl);
  const members = admin.getByTestId("customer-members");
  await members.getByLabel("Email").fill(MEMBER.email);
  await members.getByRole("button", { name: "Send invitation" }).click();
  await expect(members.getByRole("status")).toHaveText(`Invitation sent to ${MEMBER.email}.`);
  await expect(members.getByRole("row").filter({ hasText: MEMBER.email })).toContainText("Invited");
  const invite = await emailedLink(admin, MEMBER.email, /You're invited/, "/accept-invite");

  // The member accepts and signs in.
  const member = await (await browser.newContext()).newPage();
  await member.goto(invite);
  await member.getByLabel("New password").fill(MEMBER.password);
  await member.getByLabel("The same password again").fill(MEMBER.password);
  await member.getByRole("button", { name: "Set password and join" }).click();
  await expect(member.getByRole("status")).toContainText("Your account is ready");
  await signIn(member, MEMBER);

  // The link worked once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(invite);
  await again.getByLabel("New password").fill("someone-else-password");
  await again.getByLabel("The same password again").fill("someone-else-password");
  await again.getByRole("button", { name: "Set password and join" }).click();
  await expect(again.getByText(/This link has expired or was already used/)).toBeVisible();

  // Forgot password: the same answer for a known and an unknown email; the member's link resets it.
  const forgot = await (await browser.newContext()).newPage();
  for (const email of [`nobody-${RUN}@e2e.test`, MEMBER.email]) {
    await forgot.goto("/signin");
    await forgot.getByRole("link", { name: "Forgot password?" }).click();
    await expect(forgot.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await forgot.getByLabel("Email").fill(email);
    await forgot.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(forgot.getByRole("status")).toHaveText(/If that email belongs to a member, a link to choose a new password is on its way/);
  }
  const reset = await emailedLink(admin, MEMBER.email, /Reset your Meterly password/, "/reset-password");
  await forgot.goto(reset);
  await forgot.getByLabel("New password").fill("a-brand-new-password");
  await forgot.getByLabel("The same password again").fill("a-brand-new-password");
  await forgot.getByRole("button", { name: "Save the new password" }).click();
  await expect(forgot.getByRole("status")).toContainText("Your password is changed");
  await signIn(forgot, { email: MEMBER.email, password: "a-brand-new-password" });

  // The events explorer opens on the customer (no events yet) and says so.
  await admin.goto(customerUrl);
  await admin.getByRole("link", { name: "Explore this customer's events" }).click();
  await expect(admin.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
  await expect(admin.getByText("No events match these filters.")).toBeVisible();
});
