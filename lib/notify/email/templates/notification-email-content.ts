import {
  payloadLimitFigure,
  payloadMoney,
  payloadSegment,
  payloadText,
  payloadTime,
  type Payload,
} from "./payload-text";

/** What an email says, before it is laid out as HTML and text (render-email.ts). */
export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label and value rows under the paragraphs. */
  details: [string, string][];
  /** The portal page the email links to (a path on APP_URL). */
  action: { label: string; path: string };
};

type Template = (p: Payload, customer: string) => EmailContent;

const rows = (...pairs: [string, string | null][]): [string, string][] =>
  pairs.filter((r): r is [string, string] => r[1] !== null);

const invoicePath = (p: Payload) => {
  const number = payloadSegment(p, "number") ?? payloadSegment(p, "invoiceNumber");
  return number ? `/invoices/${number}` : "/invoices";
};

/** A billing period as dates ("2026-11-01 to 2026-12-01", the end exclusive as stored), from periodStart and periodEnd. */
const periodText = (p: Payload) => {
  const start = payloadTime(p, "periodStart");
  const end = payloadTime(p, "periodEnd");
  return start && end ? `${start.slice(0, 10)} to ${end.slice(0, 10)}` : payloadText(p, "period");
};

const thresholdText = (p: Payload) => {
  const t = payloadText(p, "threshold") ?? payloadText(p, "thresholdPercent");
  return t ? `${t.replace(/%$/, "")}%` : null;
};

/** A limit is on spend (scope "spend") or on one meter's usage (scope: the meter's id; meterName added by the sender). */
const limitName = (p: Payload) => {
  const scope = payloadText(p, "scope");
  const meter = payloadText(p, "meterName") ?? payloadText(p, "meterKey");
  if (scope === "spend" || (!scope && !meter)) return "the spending limit";
  return meter ? `the usage limit on ${meter}` : "a usage limit";
};

/** A limit's figure from the limits payload (`limit`, `cap`, `value`), or from minor-unit fields of another shape. */
const limitFigure = (p: Payload, key: string, minorKeys: string[]) =>
  payloadLimitFigure(p, key) ?? (minorKeys.length ? payloadMoney(p, minorKeys) : null);

const modeText = (p: Payload) => {
  const mode = payloadText(p, "mode");
  return mode === "hard_cap" ? "hard cap" : mode === "alert" ? "alert only" : mode;
};

const TEMPLATES: Record<string, Template> = {
  "customer.payment_failed": (p, customer) => {
    const amount = payloadMoney(p, ["amountDueMinor", "amountMinor"]);
    const number = payloadText(p, "number");
    const pack = payloadText(p, "packName");
    const what = number ? `invoice ${number}` : pack ? `the ${pack} credit pack` : "a payment";
    const next = payloadTime(p, "nextAttemptAt");
    const uncollectible = payloadText(p, "uncollectible") === "true";
    return {
      subject: `Payment failed for ${what}${amount ? ` (${amount})` : ""}`,
      heading: "A payment failed",
      paragraphs: [
        `We could not collect ${amount ? `${amount} for ` : ""}${what} from ${customer}.`,
        uncollectible
          ? "This was the last retry: the invoice is now uncollectible. Pay it to keep your account in good standing."
          : next
            ? `We will try the card again on ${next}. To pay now, or to use another card, open the invoice.`
            : number
              ? "Pay it with another card from the invoice page."
              : "Check the card on file, then try again.",
      ],
      details: rows(["Reason", payloadText(p, "message")], ["Attempt", payloadText(p, "attempt")]),
      action: number
        ? { label: "Pay the invoice", path: invoicePath(p) }
        : { label: "Open credits", path: "/credits" },
    };
  },
  "auto_recharge.failed": (p, customer) => {
    const amount = payloadMoney(p, ["amountMinor", "priceMinor"]);
    return {
      subject: "Auto-recharge failed",
      heading: "Auto-recharge could not buy credits",
      paragraphs: [
        `An automatic credit top-up${amount ? ` of ${amount}` : ""} for ${customer} failed. Usage keeps drawing on your balance until it runs out.`,
      ],
      details: rows(
        ["Reason", payloadText(p, "message") ?? payloadText(p, "reason")],
        ["Failures in a row", payloadText(p, "consecutiveFailures")],
      ),
      action: { label: "Check auto-recharge", path: "/credits" },
    };
  },
  "customer.auto_recharge_disabled": (p, customer) => ({
    subject: "Auto-recharge is turned off",
    heading: "Auto-recharge turned itself off",
    paragraphs: [
      `Automatic credit top-ups for ${customer} are off now. Turn them on again once the card is fixed.`,
    ],
    details: rows(["Reason", payloadText(p, "reason")]),
    action: { label: "Check auto-recharge", path: "/credits" },
  }),
  "invoice.finalized": (p, customer) => {
    const number = payloadText(p, "number");
    const due = payloadMoney(p, ["amountDueMinor"]);
    const paid = payloadText(p, "status") === "paid" || payloadText(p, "amountDueMinor") === "0";
    const amount = due ?? payloadMoney(p, ["totalMinor"]);
    return {
      subject: `Invoice ${number ?? ""}${amount ? ` for ${amount}` : ""} is ready`.replace(/\s+/g, " "),
      heading: "Your invoice is ready",
      paragraphs: [
        `${number ? `Invoice ${number}` : "An invoice"} for ${customer} has been issued.` +
          (paid ? " Nothing is due on it." : ""),
      ],
      details: rows(
        ["Period", periodText(p)],
        ["Total", payloadMoney(p, ["totalMinor"])],
        [
          "Paid by credits",
          payloadText(p, "creditsMinor") === "0" ? null : payloadMoney(p, ["creditsMinor"]),
        ],
        ["Amount due", due],
        ["Due", payloadTime(p, "dueAt")],
      ),
      action: { label: "View the invoice", path: invoicePath(p) },
    };
  },
  "credit_note.created": (p, customer) => {
    const amount = payloadMoney(p, ["amountMinor", "totalMinor"]);
    const invoice = payloadText(p, "invoiceNumber");
    const nonZero = (key: string) => (payloadText(p, key) === "0" ? null : payloadMoney(p, [key]));
    return {
      subject: `Credit note${amount ? ` for ${amount}` : ""}${invoice ? ` on invoice ${invoice}` : ""}`,
      heading: "A credit note was issued",
      paragraphs: [
        `We issued a credit note${amount ? ` of ${amount}` : ""} to ${customer}${invoice ? ` against invoice ${invoice}` : ""}.`,
      ],
      details: rows(
        ["Credit note", payloadText(p, "number")],
        ["Reason", payloadText(p, "reason")],
        ["Credits returned", nonZero("creditsReturnedMinor")],
        ["Taken off the amount due", nonZero("appliedToInvoiceMinor")],
        ["Refunded to your card", nonZero("refundedToCardMinor")],
        ["Added to your credit balance", nonZero("creditedToBalanceMinor")],
      ),
      action: {
        label: "View the invoice",
        path: invoice ? `/invoices/${encodeURIComponent(invoice)}` : "/invoices",
      },
    };
  },
  "alert.triggered": (p, customer) => {
    const threshold = thresholdText(p);
    return {
      subject: `Alert: ${threshold ? `${threshold} of ` : ""}${limitName(p)} reached`,
      heading: "A spending alert fired",
      paragraphs: [
        `${customer} crossed ${threshold ? `${threshold} of ` : "a threshold of "}${limitName(p)} in this billing period.`,
      ],
      details: rows(
        ["At crossing", limitFigure(p, "value", ["valueMinor", "spendMinor"])],
        ["Limit", limitFigure(p, "limit", ["limitMinor", "capMinor"])],
        ["Mode", modeText(p)],
      ),
      action: { label: "Review limits", path: "/limits" },
    };
  },
  "alert.resolved": (p, customer) => {
    const threshold = thresholdText(p);
    return {
      subject: `Resolved: ${threshold ? `${threshold} of ` : ""}${limitName(p)}`,
      heading: "A spending alert resolved",
      paragraphs: [
        `${customer} is back under ${threshold ? `${threshold} of ` : "the threshold of "}${limitName(p)} (after a void, a credit or a change of the limit).`,
      ],
      details: rows(
        ["Now", limitFigure(p, "value", ["valueMinor", "spendMinor"])],
        ["Limit", limitFigure(p, "limit", ["limitMinor", "capMinor"])],
      ),
      action: { label: "Review limits", path: "/limits" },
    };
  },
  "spending_limit.reached": (p, customer) => {
    const cap = limitFigure(p, "cap", ["capMinor", "limitMinor"]) ?? limitFigure(p, "limit", []);
    return {
      subject: `Hard cap${cap ? ` of ${cap}` : ""} reached: usage is being refused`,
      heading: "Your hard cap was reached",
      paragraphs: [
        `${customer} reached ${limitName(p)}${cap ? ` of ${cap}` : ""}. Usage beyond it is refused until the period ends or you raise the cap.`,
      ],
      details: rows(["So far this period", limitFigure(p, "value", ["spendMinor", "valueMinor"])]),
      action: { label: "Raise the cap", path: "/limits" },
    };
  },
  "credits.balance_low": (p, customer) => {
    const balance = payloadMoney(p, ["balanceMinor"]);
    return {
      subject: `Credits are running low${balance ? `: ${balance} left` : ""}`,
      heading: "Your credit balance is low",
      paragraphs: [
        `${customer}'s credit balance${balance ? ` is ${balance}` : " fell under the amount you set"}. Buy a credit pack or turn on auto-recharge so usage is not interrupted.`,
      ],
      details: rows(["Alert under", payloadMoney(p, ["thresholdMinor", "lowBalanceMinor"])]),
      action: { label: "Buy credits", path: "/credits" },
    };
  },
  "credits.depleted": (_p, customer) => ({
    subject: "Your credits have run out",
    heading: "Your credit balance is zero",
    paragraphs: [`${customer} has no credits left. Buy a credit pack to keep usage covered by credits.`],
    details: [],
    action: { label: "Buy credits", path: "/credits" },
  }),
  "customer.account_suspended": (p, customer) => {
    const invoice = payloadText(p, "invoiceNumber");
    return {
      subject: "Usage is suspended for an unpaid invoice",
      heading: "Your account is suspended",
      paragraphs: [
        `Usage events for ${customer} are refused${invoice ? ` because invoice ${invoice} is unpaid` : ""}. Paying the invoice lifts the suspension at once.`,
      ],
      details: rows(["Reason", payloadText(p, "reason")]),
      action: {
        label: "Pay the invoice",
        path: invoice ? `/invoices/${encodeURIComponent(invoice)}` : "/invoices",
      },
    };
  },
  "customer.account_reinstated": (_p, customer) => ({
    subject: "Your account is active again",
    heading: "Your account is reinstated",
    paragraphs: [`Usage events for ${customer} are accepted again. Thank you for settling the invoice.`],
    details: [],
    action: { label: "Open the dashboard", path: "/dashboard" },
  }),
};
TEMPLATES["auto_recharge.disabled"] = TEMPLATES["customer.auto_recharge_disabled"];

/** Any kind without a template: its name and scalar payload fields, plainly. */
const generic: (kind: string) => Template = (kind) => (p, customer) => ({
  subject: `Notice: ${kind}`,
  heading: "A notice about your account",
  paragraphs: [`Something happened on ${customer}'s account: ${kind}.`],
  details: Object.keys(p)
    .sort()
    .flatMap((k): [string, string][] => {
      const v = payloadText(p, k);
      return v === null ? [] : [[k, v]];
    }),
  action: { label: "Open the dashboard", path: "/dashboard" },
});

/** What the email for a notification says: a template per known kind, a generic one for any other. */
export function notificationEmailContent(kind: string, payload: Payload, customerName: string): EmailContent {
  const template = Object.prototype.hasOwnProperty.call(TEMPLATES, kind) ? TEMPLATES[kind] : generic(kind);
  return template(payload, customerName);
}
