import { expect, test, type Page } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, createKeyInAdminUi, signIn } from "./support/sign-in";

const HOUR = 3_600_000;
const RUN = Date.now().toString(36);
/** A customer of this spec's own, so the invoices spec's billing of Acme's period is left alone. */
const CUSTOMER = { externalId: `paycard-${RUN}`, name: `E2E paycard-${RUN}` };
const PAYER = { email: `payer-${RUN}@e2e.test`, password: "payer-e2e-password" };

/** Pays on the sandbox's hosted Stripe page. */
async function payWithCard(page: Page, card: string): Promise<void> {
  await expect(page.getByText("Test mode", { exact: true })).toBeVisible();
  await page.locator("#cardNumber").fill(card);
  await page.locator("#cardExpiry").fill("12 / 34");
  await page.locator("#cardCvc").fill("123");
  await page.locator("#cardName").fill("Ada at Paycard");
  await page.getByRole("button", { name: /^Pay / }).click();
}

test("a declined automatic charge shows a banner; the member pays through Checkout; a void gives a credit note", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  runOnE2eDatabase("e2e/support/add-member.ts", [CUSTOMER.externalId, PAYER.email, PAYER.password]);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  const customerId = await putAcmeOnPlan(admin, {
    customer: CUSTOMER.name,
    name: `E2E payments ${RUN}`,
    unitPrice: "0.001",
    baseFeeMinor: 2500,
  });
  const secret = await createKeyInAdminUi(admin, "e2e invoice payments");
  const voidable = `pay-void-${RUN}`;
  for (const [id, tokens] of [
    [voidable, 3000],
    [`pay-keep-${RUN}`, 2000],
  ] as const) {
    const res = await request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        id,
        customer: CUSTOMER.externalId,
        type: "llm_tokens",
        properties: { tokens, model: "gpt-e2e" },
      },
    });
    expect(res.status()).toBe(202);
  }

  // Its saved card attaches but declines every charge (Checkout cannot save such a card, so a script does).
  runOnE2eDatabase("e2e/support/save-card.ts", [CUSTOMER.externalId, "4000000000000341"]);

  // The close a day after the period ends finalizes the $30.00 invoice and schedules its charge for then;
  // collect-now brings that charge forward, and the app's job runner makes it: declined.
  const member = await (await browser.newContext()).newPage();
  await signIn(member, PAYER);
  const period = (await (await member.request.get("/api/portal/invoices/upcoming")).json()).period;
  const at = new Date(new Date(period.end).getTime() + 25 * HOUR).toISOString();
  expect(
    runOnE2eDatabase("scripts/billing-run.ts", ["--at", at, "--customer", CUSTOMER.externalId]),
  ).toContain("finalized 1 of 1");
  expect(runOnE2eDatabase("e2e/support/collect-now.ts", [CUSTOMER.externalId])).toContain("1 charge(s)");

  // Every portal page shows the failure until the invoice is paid.
  const banner = member.getByTestId("payment-failed-banner");
  await expect(async () => {
    await member.goto("/dashboard");
    await expect(banner).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(banner).toContainText(
    /Payment of invoice [A-Z0-9]+-\d{4}-\d+ \(\$30\.00\) failed: Your card was declined\. Next automatic try on [A-Z][a-z]{2} \d+, \d{4}\./,
  );
  const number = (await banner.getByRole("link").textContent())!.trim();
  await member.getByRole("link", { name: "Usage", exact: true }).click();
  await expect(member).toHaveURL(/\/usage$/);
  await expect(banner).toBeVisible();

  // The admin sees the attempts, retries now (declined again: the next retry is rescheduled).
  await admin.goto(`/admin/invoices/${customerId}/${number}`);
  const attempts = admin.getByTestId("payment-attempts");
  await expect(attempts.getByTestId("payment-attempt").first()).toContainText("Your card was declined.");
  await expect(attempts.getByTestId("payment-attempt").nth(1)).toContainText("scheduled for");
  await admin.getByRole("button", { name: "Retry payment now" }).click();
  await expect(admin.getByTestId("invoice-actions").getByRole("alert")).toHaveText(
    "Attempt 3 failed: Your card was declined.",
  );
  await expect(attempts.getByTestId("payment-attempt-status")).toHaveText([
    "failed",
    "failed",
    /^scheduled for /,
  ]);

  // The member pays with 4242 on Stripe's page and comes back to the invoice, which turns paid by itself.
  await member.goto("/dashboard");
  await banner.getByRole("button", { name: "Pay now" }).click();
  await payWithCard(member, "4242 4242 4242 4242");
  await expect(member).toHaveURL(new RegExp(`/invoices/${number}\\?paid=1$`));
  const received = member.getByTestId("payment-received");
  await expect(received).toContainText("Payment received");
  await expect(received).toHaveText("Payment received: the invoice is paid. Thank you.", { timeout: 30_000 });
  const detail = member.getByTestId("invoice-detail");
  await expect(detail.getByTestId("invoice-status")).toHaveText("paid");
  await expect(banner).toHaveCount(0);
  await expect(detail.getByTestId("payment-attempt").last()).toContainText("Paid in the portal");
  await expect(detail.getByTestId("payment-attempt-status").last()).toHaveText("succeeded");
  await expect(detail.getByTestId("invoice-pdf")).toHaveAttribute(
    "href",
    `/api/portal/invoices/${number}/pdf`,
  );
  // The member downloads it: the paid invoice's PDF, named after its number.
  const pdf = await member.request.get(`/api/portal/invoices/${number}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toBe(`attachment; filename="${number}.pdf"`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await member.goto("/dashboard");
  await expect(member.getByTestId("signed-in-as")).toHaveText(PAYER.email);
  await expect(banner).toHaveCount(0);

  // An admin voids an event of the finalized period: the invoice gets its credit note at once.
  await admin.getByRole("link", { name: "Void events" }).click();
  await admin.getByLabel("Customer").selectOption(CUSTOMER.externalId);
  await admin.getByLabel("Event id").fill(voidable);
  await admin.getByLabel("Reason").fill("E2E: reported twice");
  admin.once("dialog", (d) => void d.accept());
  await admin.getByRole("button", { name: "Void events" }).click();
  await expect(admin.getByRole("status")).toContainText(`Voided 1 event of ${CUSTOMER.externalId}`);
  await member.goto(`/invoices/${number}`);
  const note = detail.getByTestId(`credit-note-${number}-CN1`);
  await expect(note).toContainText("−$3.00");
  await expect(note.getByTestId("credit-note-destinations")).toHaveText("$3.00 to your credit balance");
  await expect(note).toContainText("5,000 → 2,000");
  await expect(note).toContainText(`voided: ${voidable}`);
});
