import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { upsertMeter } from "@/lib/seed/factories";
import { env } from "@/lib/env";
import { asCurrentUser } from "@/tests/support/session";
import { saveEmailPreferences } from "../preferences/save-email-preferences";
import { customerWithMembers, queueNotification } from "../testing/email-fixtures";
import { startTestMailServer, type TestMailServer } from "../testing/test-mail-server";
import { claimNotificationEmails } from "./claim-notification-emails";
import { deliverNotificationEmails } from "./deliver-notification-emails";
import { emailNotification } from "./email-notification";

let mail: TestMailServer;
beforeAll(async () => {
  mail = await startTestMailServer();
});
afterAll(() => mail.close());

const PAYMENT_FAILED = {
  invoiceId: "00000000-0000-4000-8000-000000000001",
  number: "MTR-2026-000042",
  amountDueMinor: "123456",
  currency: "USD",
  message: "Your card was declined.",
  attempt: 1,
  nextAttemptAt: "2026-12-09T10:00:00.000Z",
};

describe("emailing the outbox", () => {
  it("sends each member and the billing email a branded email with a link to the page, over real SMTP, once", async () => {
    const { customer, ada, bob, billing } = await customerWithMembers();
    const id = await queueNotification(customer.id, "customer.payment_failed", PAYMENT_FAILED);

    const sweep = await deliverNotificationEmails({ customerId: customer.id });

    expect(sweep).toEqual({ notifications: 1, emails: 3, failed: 0 });
    const link = `${env().APP_URL}/invoices/MTR-2026-000042`;
    for (const address of [ada.email, bob.email, billing]) {
      const got = mail.to(address);
      expect(got).toHaveLength(1);
      const [m] = got;
      expect(m.recipients).toEqual([address]);
      expect(m.subject).toBe("Payment failed for invoice MTR-2026-000042 ($1,234.56)");
      expect(m.text).toContain(`Pay the invoice: ${link}`);
      expect(m.text).toContain("Reason: Your card was declined.");
      expect(m.text).toContain("2026-12-09 10:00 UTC");
      expect(m.html).toContain(`href="${link}"`);
      expect(m.html).toContain("Meterly");
    }
    expect(mail.to(ada.email)[0].text).toContain("/settings/notifications");
    expect(mail.to(billing)[0].text).toContain("billing email of");
    const row = await prisma.notification.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id } },
    });
    expect(row.emailedAt).not.toBeNull();
    expect(row.sentAt).toBeNull(); // the webhook fan-out's column is left alone

    expect(await deliverNotificationEmails({ customerId: customer.id })).toEqual({
      notifications: 0,
      emails: 0,
      failed: 0,
    });
    expect(mail.to(ada.email)).toHaveLength(1);
  });

  it("skips members who turned the category off; the billing email still gets it", async () => {
    const { customer, ada, bob, billing } = await customerWithMembers();
    await saveEmailPreferences(asCurrentUser(bob), customer.id, {
      invoices: true,
      payments: false,
      limits: true,
      credits: true,
      account: true,
      other: true,
    });
    await queueNotification(customer.id, "customer.payment_failed", PAYMENT_FAILED);
    await queueNotification(customer.id, "invoice.finalized", {
      number: "MTR-2026-000043",
      amountDueMinor: "5000",
      currency: "EUR",
    });

    await deliverNotificationEmails({ customerId: customer.id });

    expect(mail.to(bob.email).map((m) => m.subject)).toEqual(["Invoice MTR-2026-000043 for €50.00 is ready"]);
    expect(mail.to(ada.email)).toHaveLength(2);
    expect(mail.to(billing)).toHaveLength(2);
  });

  it("emails a notification once when sweeps run at the same time", async () => {
    const { customer, ada, bob, billing } = await customerWithMembers();
    for (let i = 0; i < 6; i++) await queueNotification(customer.id, "credits.depleted", { i });

    const sweeps = await Promise.all(
      Array.from({ length: 4 }, () => deliverNotificationEmails({ customerId: customer.id, limit: 3 })),
    );

    expect(sweeps.reduce((n, s) => n + s.notifications, 0)).toBe(6);
    for (const address of [ada.email, bob.email, billing]) expect(mail.to(address)).toHaveLength(6);
    const sends = await prisma.notificationEmail.count({ where: { customerId: customer.id } });
    expect(sends).toBe(18);
  });

  it("retries a failed recipient on a later sweep without mailing the others twice", async () => {
    const { customer, ada, bob, billing } = await customerWithMembers();
    mail.refused.add(bob.email);
    const id = await queueNotification(customer.id, "credits.balance_low", {
      balanceMinor: "250",
      currency: "USD",
    });
    const where = { customerId_id: { customerId: customer.id, id } };

    const first = await deliverNotificationEmails({ customerId: customer.id });
    expect(first).toEqual({ notifications: 0, emails: 0, failed: 1 });
    const failed = await prisma.notification.findUniqueOrThrow({ where });
    expect([failed.emailedAt, failed.emailAttempts, failed.emailRetryAt! > new Date()]).toEqual([
      null,
      1,
      true,
    ]);
    expect(failed.emailError).toMatch(/not accepted|refused|550/i);
    expect(await deliverNotificationEmails({ customerId: customer.id })).toEqual({
      notifications: 0,
      emails: 0,
      failed: 0,
    }); // backing off

    mail.refused.delete(bob.email);
    await prisma.notification.update({ where, data: { emailRetryAt: new Date(Date.now() - 1000) } });
    expect(await deliverNotificationEmails({ customerId: customer.id })).toEqual({
      notifications: 1,
      emails: 1,
      failed: 0,
    });

    for (const address of [ada.email, bob.email, billing]) {
      expect(mail.to(address).map((m) => m.subject)).toEqual(["Credits are running low: $2.50 left"]);
    }
    expect((await prisma.notification.findUniqueOrThrow({ where })).emailedAt).not.toBeNull();
  });

  it("renders an unknown kind with the generic template", async () => {
    const { customer, ada } = await customerWithMembers();
    await queueNotification(customer.id, "customer.tax_id_verified", {
      plan: "Pro",
      nested: { ignored: true },
    });

    await deliverNotificationEmails({ customerId: customer.id });

    const [m] = mail.to(ada.email);
    expect(m.subject).toBe("Notice: customer.tax_id_verified");
    expect(m.text).toContain("plan: Pro");
    expect(m.text).toContain(`${env().APP_URL}/dashboard`);
  });

  it("a sweep whose claim was taken over (its lease ran out) sends and marks nothing", async () => {
    const { customer, ada } = await customerWithMembers();
    const id = await queueNotification(customer.id, "credits.depleted", {});
    const [stale] = await claimNotificationEmails(10, customer.id);
    expect(stale.id).toBe(id);
    // Its lease runs out and another sweep claims the notification (attempt 2).
    const where = { customerId_id: { customerId: customer.id, id } };
    await prisma.notification.update({ where, data: { emailRetryAt: new Date(Date.now() - 1000) } });
    const [fresh] = await claimNotificationEmails(10, customer.id);
    expect(fresh.attempts).toBe(stale.attempts + 1);

    await expect(emailNotification(stale)).rejects.toThrow(/claimed by another sweep/);
    expect(mail.to(ada.email)).toEqual([]);

    expect(await emailNotification(fresh)).toBe(3);
    expect(mail.to(ada.email)).toHaveLength(1);
  });

  it("emails no webhook-only kind, and one email for an auto-recharge failure queued twice", async () => {
    const { customer, ada, bob, billing } = await customerWithMembers();
    const failed = {
      purchaseId: "p-1",
      packName: "Starter",
      amountMinor: "2000",
      currency: "USD",
      message: "Your card was declined.",
    };
    const ids = [
      await queueNotification(customer.id, "customer.meter_usage_updated", { meter: "tokens" }),
      await queueNotification(customer.id, "credits.purchased", { amountMinor: "1000" }),
      await queueNotification(customer.id, "subscription.plan_changed", { plan: "Pro" }),
      await queueNotification(customer.id, "customer.payment_failed", { ...failed, consecutiveFailures: 3 }),
      await queueNotification(customer.id, "auto_recharge.failed", {
        ...failed,
        consecutiveFailures: 3,
        disabled: true,
      }),
      await queueNotification(customer.id, "customer.auto_recharge_disabled", {
        reason: "3 failed payments",
      }),
      await queueNotification(customer.id, "auto_recharge.disabled", { reason: "3 failed payments" }),
      await queueNotification(customer.id, "credits.balance_low", {
        balanceMinor: "0",
        thresholdMinor: "500",
        currency: "USD",
      }),
      await queueNotification(customer.id, "credits.depleted", {
        balanceMinor: "0",
        thresholdMinor: "500",
        currency: "USD",
      }),
    ];

    const sweep = await deliverNotificationEmails({ customerId: customer.id });

    expect(sweep.emails).toBe(9); // three notices to three addresses
    for (const address of [ada.email, bob.email, billing]) {
      expect(
        mail
          .to(address)
          .map((m) => m.subject)
          .sort(),
      ).toEqual(["Auto-recharge failed", "Auto-recharge is turned off", "Your credits have run out"]);
    }
    const rows = await prisma.notification.findMany({ where: { customerId: customer.id, id: { in: ids } } });
    expect(rows.filter((r) => r.emailedAt === null)).toEqual([]);
    expect(await prisma.notificationEmail.count({ where: { customerId: customer.id } })).toBe(9);
  });

  it("names the meter of a usage limit's alert", async () => {
    const { customer, ada, tag } = await customerWithMembers();
    const meter = await upsertMeter({ key: `images_${tag}`, name: `Images ${tag}`, unit: "images" });
    await queueNotification(customer.id, "alert.triggered", {
      kind: "threshold",
      scope: meter.id,
      meterId: meter.id,
      mode: "alert",
      threshold: 80,
      limit: "5000",
      value: "4000",
      currency: "USD",
    });

    await deliverNotificationEmails({ customerId: customer.id });

    const [m] = mail.to(ada.email);
    expect(m.subject).toBe(`Alert: 80% of the usage limit on Images ${tag} reached`);
    expect(m.text).toContain("At crossing: 4,000 images");
    expect(m.text).toContain(`Review limits: ${env().APP_URL}/limits`);
  });
});
