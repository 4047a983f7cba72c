/**
 * Run against the e2e database (runOnE2eDatabase) by e2e/security-headers.spec.ts: makes one of each thing
 * a page with an id in its path shows, for a customer of its own (on the demo plan, with the demo billing
 * history, a member, a failed purchase), and prints their ids as one JSON line.
 */
import type { UserActor } from "@/lib/auth/actor";
import { closeDb, prisma } from "@/lib/db/client";
import { seedDemoPlan } from "@/lib/seed/demo-plan";
import { handleIngestRequest } from "@/lib/metering/ingest/handle-ingest-request";
import { createTestApiKey, upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";

export const PAGES_MEMBER = { email: "pages@csp.test", password: "csp-member-pages" };

async function main() {
  // The e2e server's secret (scripts/e2e-server.ts): the webhook endpoint's signing secret is sealed with it.
  process.env.NEXTAUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret";
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  const actor: UserActor = { kind: "user", userId: admin.id, role: "ADMIN", customerId: null };
  const customer = await upsertCustomer({ externalId: "csp-pages", name: "CSP Pages Co" });
  await upsertUser({ ...PAGES_MEMBER, role: "MEMBER", customerId: customer.id, name: "Pat at CSP" });
  const tokens = await prisma.meter.findUniqueOrThrow({ where: { key: "llm_tokens" } });
  await seedDemoPlan(actor, customer.id, tokens.id);
  // Usage today, so that the usage page's chart (which opens on today) has something to draw.
  const key = await createTestApiKey({ name: "CSP pages", customerId: customer.id });
  const events = [0, 1, 2].map((i) => ({ id: `csp-pages-${Date.now()}-${i}`, customer: customer.externalId, type: "llm_tokens", timestamp: new Date(Date.now() - i * 60_000).toISOString(), properties: { model: "gpt-x", tokens: 1000 } }));
  const ingested = await handleIngestRequest(`Bearer ${key.secret}`, JSON.stringify({ events }));
  if (ingested.status !== 202) throw new Error(`events refused: ${JSON.stringify(ingested.body)}`);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id, number: { not: null } }, orderBy: { createdAt: "asc" } });
  const plan = await prisma.plan.findFirstOrThrow({ where: { name: "AI Starter" }, include: { versions: { take: 1 } } });
  const pack = await prisma.creditPack.findFirstOrThrow({ orderBy: { name: "asc" } });
  await prisma.creditBalance.upsert({ where: { customerId: customer.id }, create: { customerId: customer.id, currency: pack.currency }, update: {} });
  const purchase = await prisma.creditPurchase.create({
    data: { customerId: customer.id, kind: "CHECKOUT", status: "FAILED", packId: pack.id, packName: pack.name, currency: pack.currency, priceMinor: pack.priceMinor, creditsMinor: pack.creditsMinor, failureMessage: "Your card was declined." },
  });
  const html = `<html><head></head><body><p style="color:#334155">Your invoice is ready.</p></body></html>`;
  const mail = await prisma.caughtEmail.create({ data: { sender: "billing@meterly.local", recipients: [PAGES_MEMBER.email], subject: "CSP pages", text: "Your invoice is ready.", html, sizeBytes: html.length } });
  const webhook = await createWebhookEndpoint(actor, { url: "http://127.0.0.1:9/csp-pages", description: "CSP pages" }, { allowPrivate: true });
  const ids = {
    customerId: customer.id,
    invoiceId: invoice.id,
    number: invoice.number,
    purchaseId: purchase.id,
    packId: pack.id,
    mailId: String(mail.id),
    meterId: tokens.id,
    planId: plan.id,
    versionId: plan.versions[0].id,
    webhookId: webhook.id,
  };
  console.log(JSON.stringify(ids));
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
