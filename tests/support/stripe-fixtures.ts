import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { POST as stripeWebhookRoute } from "@/app/api/webhooks/stripe/route";
import { prisma } from "@/lib/db/client";
import { lockOrCreateWallet } from "@/lib/ledger/wallet";
import { prismaSql } from "@/lib/db/sql";
import { purchaseMetadata } from "@/lib/payments/purchase-metadata";
import { callRoute } from "./call-route";

export const TEST_WEBHOOK_SECRET = "whsec_meterly_test_0123456789abcdef";

/** A pack and a PENDING purchase of it, as startCreditPurchase leaves them before Stripe answers. */
export async function pendingPurchase(customerId: string, opts: { priceMinor?: bigint; creditsMinor?: bigint; kind?: "CHECKOUT" | "AUTO_RECHARGE"; saveCard?: boolean } = {}) {
  const pack = await prisma.creditPack.create({ data: { name: "Test pack", currency: "USD", priceMinor: opts.priceMinor ?? 1000n, creditsMinor: opts.creditsMinor ?? 1000n, bonusCreditsMinor: 0n } });
  const purchase = await prisma.$transaction(async (tx) => {
    await lockOrCreateWallet(prismaSql(tx), customerId);
    return tx.creditPurchase.create({
      data: { customerId, kind: opts.kind ?? "CHECKOUT", packId: pack.id, packName: pack.name, currency: "USD", priceMinor: pack.priceMinor, creditsMinor: pack.creditsMinor, saveCard: opts.saveCard ?? false },
    });
  });
  const metadata = purchaseMetadata({ customerId, purchaseId: purchase.id, packId: pack.id, kind: opts.kind === "AUTO_RECHARGE" ? "auto_recharge" : "checkout", saveCard: opts.saveCard ?? false });
  return { pack, purchase, metadata };
}

let seq = 0;
export const eventId = () => `evt_test_${Date.now().toString(36)}_${seq++}`;

/** A Stripe event as Stripe would post it. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = eventId()) {
  return { id, object: "event", api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}

/** Posts an event to the webhook route, signed with the SDK's test header (or a given signature). */
export function deliver(event: object, opts: { signature?: string; secret?: string } = {}) {
  const payload = JSON.stringify(event, null, 2);
  const signature = opts.signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? TEST_WEBHOOK_SECRET });
  return callRoute(stripeWebhookRoute, { url: "http://localhost/api/webhooks/stripe", rawBody: payload, headers: { "stripe-signature": signature } });
}

/** An HTTP endpoint on loopback that hands each request to the app's webhook route (for the sandbox to post to). */
export async function serveWebhookRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      stripeWebhookRoute(request)
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(await response.text());
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
