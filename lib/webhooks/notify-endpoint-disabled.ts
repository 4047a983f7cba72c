import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendAdminEmail } from "@/lib/notify/email/send-admin-email";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Emails the admins that an endpoint was turned off for failing 5 days straight, with a link to its log. */
export async function notifyEndpointDisabled(delivery: { customerId: string; id: bigint }, reason: string): Promise<void> {
  const { endpoint } = await prisma.webhookDelivery.findUniqueOrThrow({ where: { customerId_id: { customerId: delivery.customerId, id: delivery.id } }, select: { endpoint: { select: { id: true, url: true } } } });
  const link = `${env().APP_URL}/admin/webhooks/${endpoint.id}`;
  const text = `Meterly turned off the webhook endpoint ${endpoint.url}.\n\n${reason}.\n\nIts events wait; turn it on again once it answers 2xx: ${link}\n`;
  const html = `<p>Meterly turned off the webhook endpoint <strong>${escapeHtml(endpoint.url)}</strong>.</p><p>${escapeHtml(reason)}.</p><p>Its events wait; <a href="${escapeHtml(link)}">turn it on again</a> once it answers 2xx.</p>`;
  try {
    await sendAdminEmail({ subject: `Webhook endpoint turned off: ${endpoint.url}`, text, html });
  } catch (e) {
    console.error("could not email the admins about a disabled webhook endpoint:", e instanceof Error ? e.message : e);
  }
}
