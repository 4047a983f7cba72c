import { expect, test } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, createKeyInAdminUi, signIn } from "./support/sign-in";

const HOUR = 3_600_000;
const RUN = Date.now().toString(36);
/** A customer of this spec's own, so the other specs' invoices are left alone. */
const CUSTOMER = { externalId: `mail-${RUN}`, name: `E2E mail-${RUN}` };
const APP = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const MEMBER = { email: `mailed-${RUN}@e2e.test`, password: "mailed-e2e-password" };

test("a declined charge is emailed to the member, and the admin reads it on the Mail page", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  runOnE2eDatabase("e2e/support/add-member.ts", [CUSTOMER.externalId, MEMBER.email, MEMBER.password]);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await putAcmeOnPlan(admin, { customer: CUSTOMER.name, name: `E2E mail ${RUN}`, baseFeeMinor: 1500 });
  // A saved card that attaches but declines every charge.
  runOnE2eDatabase("e2e/support/save-card.ts", [CUSTOMER.externalId, "4000000000000341"]);

  // The member keeps payment emails on and turns credit balance emails off.
  const member = await (await browser.newContext()).newPage();
  await signIn(member, MEMBER);
  await member.getByRole("link", { name: "Email settings" }).click();
  const payments = member.getByRole("checkbox", { name: /Failed payments and auto-recharge/ });
  const credits = member.getByRole("checkbox", { name: /Credit balance/ });
  await expect(payments).toBeChecked();
  await expect(credits).toBeChecked();
  await credits.uncheck();
  await member.getByRole("button", { name: "Save email settings" }).click();
  await expect(member.getByRole("status")).toHaveText("Email settings saved.");
  await member.reload();
  await expect(credits).not.toBeChecked();
  await expect(payments).toBeChecked();

  // Members never see the Mail page.
  expect((await member.goto("/admin/mail"))?.status()).toBe(404);

  // The billing close finalizes the $15.00 invoice; its charge is declined by the app's job runner, which
  // queues customer.payment_failed; the email step of the background work sends it to the catcher.
  const period = (await (await member.request.get("/api/portal/invoices/upcoming")).json()).period;
  const at = new Date(new Date(period.end).getTime() + 25 * HOUR).toISOString();
  expect(
    runOnE2eDatabase("scripts/billing-run.ts", ["--at", at, "--customer", CUSTOMER.externalId]),
  ).toContain("finalized 1 of 1");
  expect(runOnE2eDatabase("e2e/support/collect-now.ts", [CUSTOMER.externalId])).toContain("1 charge(s)");

  const row = admin
    .getByTestId("mail-table")
    .getByRole("row")
    .filter({ hasText: MEMBER.email })
    .filter({ hasText: "Payment failed" });
  await expect(async () => {
    await admin.goto("/admin/mail");
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText(/Payment failed for invoice [A-Z0-9]+-\d{4}-\d+ \(\$15\.00\)/);
  await expect(row).toContainText("billing@meterly.local");

  await row.getByRole("link").click();
  await expect(admin.getByTestId("mail-subject")).toHaveText(
    /^Payment failed for invoice ([A-Z0-9]+-\d{4}-\d+) \(\$15\.00\)$/,
  );
  const number = (await admin.getByTestId("mail-subject").textContent())!.match(/invoice (\S+)/)![1];
  await expect(admin.getByTestId("mail-to")).toHaveText(MEMBER.email);
  await expect(admin.getByTestId("mail-text")).toContainText(`Pay the invoice: ${APP}/invoices/${number}`);
  await expect(admin.getByTestId("mail-text")).toContainText("Your card was declined");
  const html = admin.frameLocator('[data-testid="mail-html"]');
  await expect(html.getByRole("heading", { name: "A payment failed" })).toBeVisible();
  await expect(html.getByRole("link", { name: "Pay the invoice" })).toHaveAttribute(
    "href",
    `${APP}/invoices/${number}`,
  );
});

test("a spending alert is emailed to the member and shows on the Mail page", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const customer = { externalId: `mailcap-${RUN}`, name: `E2E mailcap-${RUN}` };
  const member = { email: `alerted-${RUN}@e2e.test`, password: "alerted-e2e-password" };
  runOnE2eDatabase("e2e/support/add-member.ts", [customer.externalId, member.email, member.password]);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await putAcmeOnPlan(admin, { customer: customer.name, name: `E2E mailcap ${RUN}`, unitPrice: "0.001" });
  const secret = await createKeyInAdminUi(admin, `e2e mail alerts ${RUN}`);

  // The member sets a $5.00 alert-only spend limit that alerts at half.
  const portal = await (await browser.newContext()).newPage();
  await signIn(portal, member);
  await portal.goto("/limits");
  const form = portal.getByTestId("limit-form-spend");
  await form.getByLabel(/^Limit/).fill("5");
  await form.getByLabel(/^Alert at/).fill("50");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toContainText("Saved");

  // $3.00 of usage crosses 50% of it.
  const res = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${secret}` },
    data: {
      id: `mailcap-${RUN}`,
      customer: customer.externalId,
      type: "llm_tokens",
      properties: { tokens: 3000, model: "gpt-e2e" },
    },
  });
  expect(res.status()).toBe(202);

  const row = admin
    .getByTestId("mail-table")
    .getByRole("row")
    .filter({ hasText: member.email })
    .filter({ hasText: "Alert: 50% of the spending limit reached" });
  await expect(async () => {
    await admin.goto("/admin/mail");
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await row.getByRole("link").click();
  await expect(admin.getByTestId("mail-text")).toContainText(
    `${customer.name} crossed 50% of the spending limit`,
  );
  await expect(admin.getByTestId("mail-text")).toContainText(`Review limits: ${APP}/limits`);
});
