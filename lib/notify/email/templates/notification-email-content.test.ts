import { describe, expect, it } from "vitest";
import { emailCategoryOf } from "../email-categories";
import { notificationEmailContent } from "./notification-email-content";
import { renderEmail } from "./render-email";

const CASES: [kind: string, payload: Record<string, unknown>, subject: string, path: string][] = [
  [
    "customer.payment_failed",
    { number: "MTR-2026-000007", amountDueMinor: "1999", currency: "USD", message: "declined" },
    "Payment failed for invoice MTR-2026-000007 ($19.99)",
    "/invoices/MTR-2026-000007",
  ],
  [
    "customer.payment_failed",
    { purchaseId: "p1", packName: "Starter", amountMinor: "500", currency: "JPY" },
    "Payment failed for the Starter credit pack (¥500)",
    "/credits",
  ],
  ["customer.auto_recharge_disabled", { reason: "3 failures" }, "Auto-recharge is turned off", "/credits"],
  ["auto_recharge.failed", { amountMinor: "2000", currency: "USD" }, "Auto-recharge failed", "/credits"],
  [
    "invoice.finalized",
    { number: "MTR-2026-000008", amountDueMinor: "0", currency: "USD" },
    "Invoice MTR-2026-000008 for $0.00 is ready",
    "/invoices/MTR-2026-000008",
  ],
  [
    "credit_note.created",
    { invoiceNumber: "MTR-2026-000009", amountMinor: "150", currency: "EUR" },
    "Credit note for €1.50 on invoice MTR-2026-000009",
    "/invoices/MTR-2026-000009",
  ],
  // As lib/limits queues them: scope "spend" (minor units, maybe fractional) or a meter's id (a quantity).
  [
    "alert.triggered",
    {
      kind: "threshold",
      scope: "spend",
      mode: "alert",
      threshold: 50,
      limit: "10000",
      value: "5000.25",
      currency: "USD",
    },
    "Alert: 50% of the spending limit reached",
    "/limits",
  ],
  [
    "alert.resolved",
    {
      scope: "7d3c8a9e-0000-4000-8000-000000000000",
      meterName: "LLM tokens",
      meterUnit: "tokens",
      threshold: 80,
      limit: "1000000",
      value: "10",
    },
    "Resolved: 80% of the usage limit on LLM tokens",
    "/limits",
  ],
  [
    "spending_limit.reached",
    { scope: "spend", cap: "2500", value: "2499.5", currency: "EUR" },
    "Hard cap of €25.00 reached: usage is being refused",
    "/limits",
  ],
  [
    "alert.triggered",
    { threshold: 80, capMinor: "10000", currency: "USD" },
    "Alert: 80% of the spending limit reached",
    "/limits",
  ],
  [
    "alert.resolved",
    { threshold: 80, meterKey: "llm_tokens" },
    "Resolved: 80% of the usage limit on llm_tokens",
    "/limits",
  ],
  [
    "spending_limit.reached",
    { capMinor: "10000", currency: "USD" },
    "Hard cap of $100.00 reached: usage is being refused",
    "/limits",
  ],
  [
    "credits.balance_low",
    { balanceMinor: "99", currency: "USD" },
    "Credits are running low: $0.99 left",
    "/credits",
  ],
  ["credits.depleted", {}, "Your credits have run out", "/credits"],
  [
    "customer.account_suspended",
    { invoiceNumber: "MTR-2026-000010" },
    "Usage is suspended for an unpaid invoice",
    "/invoices/MTR-2026-000010",
  ],
  ["customer.account_reinstated", {}, "Your account is active again", "/dashboard"],
  ["webhook.something_new", { a: 1 }, "Notice: webhook.something_new", "/dashboard"],
];

describe("notification email content", () => {
  it.each(CASES)("%s: subject and the page it links to", (kind, payload, subject, path) => {
    const content = notificationEmailContent(kind, payload, "Acme AI");
    expect(content.subject).toBe(subject);
    expect(content.action.path).toBe(path);
    expect(content.paragraphs.join(" ")).toContain("Acme");
  });

  it("puts every listed kind in a category members can choose, and unknown kinds in 'other'", () => {
    expect(emailCategoryOf("invoice.finalized")).toBe("invoices");
    expect(emailCategoryOf("alert.resolved")).toBe("limits");
    expect(emailCategoryOf("credits.depleted")).toBe("credits");
    expect(emailCategoryOf("customer.payment_failed")).toBe("payments");
    expect(emailCategoryOf("customer.account_suspended")).toBe("account");
    expect(emailCategoryOf("toString")).toBe("other");
  });

  it("escapes what the payload or the customer's name says in the HTML, and keeps it verbatim in the text", () => {
    const content = notificationEmailContent(
      "customer.payment_failed",
      { number: "<b>1</b>", message: `"><script>x</script>` },
      "A&B <Ltd>",
    );
    const email = renderEmail(content, { appUrl: "https://billing.example.test/", footer: ["Footer & co"] });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<b>1</b>");
    expect(email.html).toContain("A&amp;B &lt;Ltd&gt;");
    expect(email.html).toContain('href="https://billing.example.test/invoices/%3Cb%3E1%3C%2Fb%3E"');
    expect(email.text).toContain("A&B <Ltd>");
    expect(email.text).toContain("Footer & co");
  });

  it("shows a limit's figures as money for spend and as a quantity with the meter's unit for usage", () => {
    const spend = notificationEmailContent(
      "alert.triggered",
      { scope: "spend", mode: "hard_cap", threshold: 80, limit: "10000", value: "8000.5", currency: "USD" },
      "Acme",
    );
    expect(spend.details).toEqual([
      ["At crossing", "$80.00"],
      ["Limit", "$100.00"],
      ["Mode", "hard cap"],
    ]);
    const usage = notificationEmailContent(
      "alert.triggered",
      {
        scope: "7d3c8a9e-0000-4000-8000-000000000000",
        meterName: "LLM tokens",
        meterUnit: "tokens",
        threshold: 100,
        limit: "1000000",
        value: "1000000.5",
      },
      "Acme",
    );
    expect(usage.details).toEqual([
      ["At crossing", "1,000,000.5 tokens"],
      ["Limit", "1,000,000 tokens"],
    ]);
  });

  it("says what an invoice and a credit note come to, as lib/billing queues them", () => {
    const invoice = notificationEmailContent(
      "invoice.finalized",
      {
        invoiceId: "i1",
        number: "MTR-2026-000011",
        status: "open",
        currency: "USD",
        periodStart: "2026-11-01T00:00:00.000Z",
        periodEnd: "2026-12-01T00:00:00.000Z",
        totalMinor: "4500",
        creditsMinor: "1000",
        amountDueMinor: "3500",
      },
      "Acme",
    );
    expect(invoice.subject).toBe("Invoice MTR-2026-000011 for $35.00 is ready");
    expect(invoice.details).toEqual([
      ["Period", "2026-11-01 to 2026-12-01"],
      ["Total", "$45.00"],
      ["Paid by credits", "$10.00"],
      ["Amount due", "$35.00"],
    ]);
    const note = notificationEmailContent(
      "credit_note.created",
      {
        number: "MTR-2026-000011-CN1",
        invoiceNumber: "MTR-2026-000011",
        reason: "Voided events",
        currency: "USD",
        totalMinor: "500",
        creditsReturnedMinor: "0",
        appliedToInvoiceMinor: "300",
        refundedToCardMinor: "0",
        creditedToBalanceMinor: "200",
      },
      "Acme",
    );
    expect(note.subject).toBe("Credit note for $5.00 on invoice MTR-2026-000011");
    expect(note.details).toEqual([
      ["Credit note", "MTR-2026-000011-CN1"],
      ["Reason", "Voided events"],
      ["Taken off the amount due", "$3.00"],
      ["Added to your credit balance", "$2.00"],
    ]);
  });
});
