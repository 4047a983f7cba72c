import type { ServerResponse } from "node:http";
import { payCheckoutSession, refreshExpiry, type CardForm } from "./checkout-flow";
import { escapeHtml, renderCheckoutPage, renderClosedPage } from "./checkout-page";
import type { Sandbox } from "./context";
import { parseForm } from "./form";
import { redirect, sendHtml } from "./http";

function field(form: Record<string, unknown>, name: keyof CardForm): string {
  const value = form[name];
  return typeof value === "string" ? value : "";
}

/** GET shows the hosted payment page; POST processes the card form (303 to success_url, or the page again with the error). */
export function handlePayPage(sb: Sandbox, method: string, id: string, body: string, res: ServerResponse): void {
  const session = sb.store.find("checkoutSessions", id);
  if (!session) {
    sendHtml(res, 404, `<!doctype html><title>Not found</title><p>No such checkout session: ${escapeHtml(id)}</p>`);
    return;
  }
  const items = sb.store.state.lineItems[id] ?? [];
  if (method === "GET") {
    const open = refreshExpiry(sb, session).status === "open";
    sendHtml(res, 200, open ? renderCheckoutPage(session, items) : renderClosedPage(session));
    return;
  }
  if (method !== "POST") {
    sendHtml(res, 405, "<!doctype html><title>Method not allowed</title><p>Method not allowed</p>");
    return;
  }
  const raw = parseForm(body);
  const form: CardForm = {
    cardNumber: field(raw, "cardNumber"),
    cardExpiry: field(raw, "cardExpiry"),
    cardCvc: field(raw, "cardCvc"),
    cardName: field(raw, "cardName"),
  };
  const result = payCheckoutSession(sb, session, form);
  if (result.ok) redirect(res, result.redirect);
  else if (result.status === 409) sendHtml(res, 409, renderClosedPage(session));
  else sendHtml(res, result.status, renderCheckoutPage(session, items, result.message, form));
}
