import type { CardForm } from "./checkout-flow";
import type { CheckoutSession, LineItem } from "./checkout-objects";
import { formatAmount } from "./money";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:920px;margin:0 auto;padding:48px 24px;display:grid;grid-template-columns:1fr 1fr;gap:48px}
@media (max-width:760px){main{grid-template-columns:1fr;gap:24px;padding:24px 16px}}
.badge{display:inline-block;padding:2px 8px;border-radius:4px;background:#ffde92;color:#983705;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.label{margin:24px 0 0;color:#697386}.total{margin:4px 0 24px;font-size:34px;font-weight:600}
ul{list-style:none;margin:0;padding:0}li,.row-total{display:flex;justify-content:space-between;padding:10px 0;border-bottom:1px solid #e3e8ee}
.qty{display:block;color:#697386;font-size:13px}.row-total{font-weight:600;border-bottom:0}
form{background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px rgba(26,31,54,.08)}
h1{font-size:18px;margin:0 0 16px}label{display:block;margin:12px 0 4px;font-size:13px;color:#3c4257;font-weight:500}
input{width:100%;padding:10px 12px;border:1px solid #cfd7df;border-radius:6px;font:inherit}input:focus{outline:2px solid #635bff;border-color:#635bff}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
button{width:100%;margin-top:20px;padding:12px;border:0;border-radius:6px;background:#635bff;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#5851e0}.error{margin:0 0 8px;padding:10px 12px;border-radius:6px;background:#fdecea;color:#b3093c}
.hint{color:#697386;font-size:13px;margin:0 0 8px}.cancel{display:block;margin-top:16px;text-align:center;color:#635bff}
.closed{grid-column:1/-1;background:#fff;border-radius:8px;padding:32px;text-align:center}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function summary(session: CheckoutSession, items: LineItem[]): string {
  const currency = session.currency ?? "usd";
  if (session.mode === "setup") {
    return `<section aria-label="Summary"><span class="badge">Test mode</span>
<p class="label">Save a card for future payments</p><p class="total">No charge today</p></section>`;
  }
  const rows = items
    .map((item) => `<li><span>${escapeHtml(item.description)}<span class="qty">Qty ${item.quantity} × ${formatAmount(item.price.unit_amount, currency)}</span></span><span>${formatAmount(item.amount_total, currency)}</span></li>`)
    .join("\n");
  const total = formatAmount(session.amount_total ?? 0, currency);
  return `<section aria-label="Order summary"><span class="badge">Test mode</span>
<p class="label">Pay</p><p class="total" id="total">${total}</p>
<ul>
${rows}
</ul>
<div class="row-total"><span>Total due</span><span id="totalDue">${total}</span></div></section>`;
}

function field(id: keyof CardForm, label: string, values: Partial<CardForm>, attrs: string): string {
  const value = values[id] ? ` value="${escapeHtml(values[id] ?? "")}"` : "";
  return `<label for="${id}">${label}</label><input id="${id}" name="${id}"${value} ${attrs}>`;
}

/** The hosted payment page: order summary, card form, error (after a decline), Cancel link. */
export function renderCheckoutPage(session: CheckoutSession, items: LineItem[], error?: string, values: Partial<CardForm> = {}): string {
  const action = session.mode === "setup" ? "Save card" : `Pay ${formatAmount(session.amount_total ?? 0, session.currency ?? "usd")}`;
  const cancel = session.cancel_url ? `<a class="cancel" id="cancel" href="${escapeHtml(session.cancel_url)}">Cancel</a>` : "";
  const form = `<form method="post" action="/pay/${escapeHtml(session.id)}" autocomplete="on">
<h1>${session.mode === "setup" ? "Card details" : "Pay with card"}</h1>
<p class="hint">Test mode: use 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined) or 4000 0000 0000 9995 (insufficient funds), any future expiry and any CVC.</p>
${error ? `<p class="error" role="alert" id="cardError">${escapeHtml(error)}</p>` : ""}
${field("cardNumber", "Card number", values, 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required')}
<div class="pair"><div>${field("cardExpiry", "Expiry (MM / YY)", values, 'autocomplete="cc-exp" placeholder="MM / YY" required')}</div>
<div>${field("cardCvc", "CVC", values, 'inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" required')}</div></div>
${field("cardName", "Name on card", values, 'autocomplete="cc-name"')}
<button type="submit" id="submit">${escapeHtml(action)}</button>
${cancel}
</form>`;
  return page(`${action} · Test mode`, `${summary(session, items)}\n<section>${form}</section>`);
}

/** Shown for a session that is complete or expired. */
export function renderClosedPage(session: CheckoutSession): string {
  const done = session.status === "complete";
  const link = done
    ? `<a class="cancel" href="${escapeHtml(session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id))}">Continue</a>`
    : session.cancel_url
      ? `<a class="cancel" href="${escapeHtml(session.cancel_url)}">Return</a>`
      : "";
  const title = done ? "This payment is already complete" : "This checkout session has expired";
  return page(title, `<section class="closed"><span class="badge">Test mode</span><h1>${title}</h1>${link}</section>`);
}
