import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { customerWithMembers, queueNotification } from "../testing/email-fixtures";
import { deliverNotificationEmails } from "./deliver-notification-emails";

/** A port nothing listens on (taken, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`; // before anything reads the environment
});

describe("an unreachable SMTP server", () => {
  it("fails the first notification, gives the rest of the batch back untried, and sends nothing twice later", async () => {
    const { customer } = await customerWithMembers();
    const ids = [
      await queueNotification(customer.id, "credits.depleted", { n: 1 }),
      await queueNotification(customer.id, "credits.depleted", { n: 2 }),
      await queueNotification(customer.id, "credits.depleted", { n: 3 }),
    ];

    const sweep = await deliverNotificationEmails({ customerId: customer.id });

    expect(sweep).toEqual({ notifications: 0, emails: 0, failed: 1 });
    const rows = await prisma.notification.findMany({
      where: { customerId: customer.id, id: { in: ids } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.emailAttempts, r.emailedAt, r.emailRetryAt! > new Date()])).toEqual([
      [1, null, true],
      [0, null, true],
      [0, null, true],
    ]);
    expect(rows[0].emailError).toMatch(/ECONNREFUSED|connect/i);
    expect(await prisma.notificationEmail.count({ where: { customerId: customer.id } })).toBe(0);
  });
});
