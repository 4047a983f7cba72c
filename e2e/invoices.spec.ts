import { expect, test } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, MEMBER, createKeyInAdminUi, signIn } from "./support/sign-in";

const HOUR = 3_600_000;
const OTHER_MEMBER = { email: "dev@globex.test", password: "globex-member" };

test("a member watches the upcoming invoice, reads the finalized invoice; an admin voids it; another customer's member gets 404", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  await putAcmeOnPlan(admin, { name: `E2E invoices ${Date.now()}`, unitPrice: "0.001", baseFeeMinor: 2500 });
  const secret = await createKeyInAdminUi(admin, "e2e invoices");
  const send = async (id: string, tokens: number) => {
    const res = await request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        id: `${id}-${Date.now()}`,
        customer: "acme",
        type: "llm_tokens",
        properties: { tokens, model: "gpt-e2e" },
      },
    });
    expect(res.status()).toBe(202);
  };
  await send("inv-1", 3000);

  // The upcoming invoice, refreshed live; no invoices yet, and the empty history says when the first comes.
  const member = await (await browser.newContext()).newPage();
  await signIn(member, MEMBER);
  await member.getByRole("link", { name: "Invoices", exact: true }).click();
  await expect(member).toHaveURL(/\/invoices$/);
  const upcoming = member.getByTestId("upcoming-invoice");
  await expect(upcoming).toContainText("So far this period");
  await expect(upcoming).toContainText("base fee");
  await expect(upcoming).toContainText("LLM tokens");
  await expect(member.getByTestId("invoices-empty")).toContainText(
    "Your first invoice is created when your billing period ends on",
  );
  const total = upcoming.getByTestId("invoice-total");
  const before = await total.textContent();
  await send("inv-2", 2000);
  await expect(total).not.toHaveText(before!, { timeout: 8000 });
  const upcomingTotal = await total.textContent();

  // The billing close a day after the period ends drafts and finalizes the invoice.
  const period = (await (await member.request.get("/api/portal/invoices/upcoming")).json()).period;
  const at = new Date(new Date(period.end).getTime() + 25 * HOUR).toISOString();
  expect(runOnE2eDatabase("scripts/billing-run.ts", ["--at", at, "--customer", "acme"])).toContain(
    "finalized 1 of 1",
  );

  await member.reload();
  const history = member.getByTestId("invoice-table");
  await expect(history).toContainText("open");
  await history.getByRole("link", { name: "View" }).first().click();
  await expect(member).toHaveURL(/\/invoices\/[A-Z0-9]+-\d{4}-\d+$/);
  const number = member.url().split("/").pop()!;
  const detail = member.getByTestId("invoice-detail");
  await expect(detail).toContainText(`Invoice ${number}`);
  await expect(detail.getByTestId("invoice-bill-to")).toContainText("Acme AI");
  await expect(detail.getByTestId("invoice-line").filter({ hasText: "base fee" })).toHaveCount(1);
  await expect(detail.getByTestId("invoice-line-tiers").last()).toContainText("× $0.001 = ");
  await expect(detail.getByTestId("invoice-total")).toHaveText(upcomingTotal!);

  // An admin finds it on the admin Invoices page and voids it.
  await admin.getByRole("link", { name: "Invoices", exact: true }).click();
  await admin.getByLabel("Status").selectOption("open");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/status=open/);
  await admin.getByTestId(`invoice-${number}`).getByRole("link", { name: "View" }).click();
  // The list shows status badges too: wait for the detail page before reading the invoice's status.
  await expect(admin).toHaveURL(/\/admin\/invoices\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  const adminDetail = admin.getByTestId("invoice-detail");
  await expect(adminDetail.getByRole("heading", { level: 1 })).toHaveText(`Invoice ${number}`);
  await expect(adminDetail.getByTestId("invoice-status")).toHaveText("open");
  // The admin downloads its PDF from the detail page.
  const pdfLink = adminDetail.getByRole("link", { name: "Download PDF" });
  await expect(pdfLink).toHaveAttribute(
    "href",
    new RegExp(`^/api/admin/customers/[0-9a-f-]{36}/invoices/${number}/pdf$`),
  );
  const pdf = await admin.request.get((await pdfLink.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await admin.getByRole("button", { name: "Void" }).click();
  await expect(admin.getByRole("status")).toHaveText("Voided.");
  await expect(adminDetail.getByTestId("invoice-status")).toHaveText("void");
  await expect(admin.getByRole("button", { name: "Void" })).toHaveCount(0);
  await member.reload();
  await expect(detail.getByTestId("invoice-status")).toHaveText("void");

  // A member of another customer cannot open it.
  runOnE2eDatabase("e2e/support/add-member.ts", ["globex", OTHER_MEMBER.email, OTHER_MEMBER.password]);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, OTHER_MEMBER);
  expect((await other.goto(`/invoices/${number}`))?.status()).toBe(404);
  expect((await other.request.get(`/api/portal/invoices/${number}`)).status()).toBe(404);
});
