import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { sendAdminEmail } from "./send-admin-email";
import { startTestMailServer, type TestMailServer } from "./testing/test-mail-server";

let mail: TestMailServer;
beforeAll(async () => {
  mail = await startTestMailServer();
});
afterAll(() => mail.close());

describe("sendAdminEmail", () => {
  it("emails every admin over SMTP, and no member", async () => {
    const tag = randomUUID().slice(0, 8);
    const admin = await upsertUser({ email: `admin-${tag}@example.test`, role: "ADMIN" });
    const customer = await upsertCustomer({ externalId: `admin-mail-${tag}`, name: `Admin mail ${tag}` });
    const member = await upsertUser({
      email: `member-${tag}@example.test`,
      role: "MEMBER",
      customerId: customer.id,
    });

    const { sentTo } = await sendAdminEmail({
      subject: `Endpoint disabled ${tag}`,
      text: "The endpoint https://hooks.example.test failed for 5 days.",
      html: "<p>The endpoint failed for 5 days.</p>",
    });

    expect(sentTo).toContain(admin.email);
    expect(sentTo).not.toContain(member.email);
    const [received] = mail.to(admin.email);
    expect(received.subject).toBe(`Endpoint disabled ${tag}`);
    expect(received.sender).toBe("billing@meterly.local");
    expect(received.text).toContain("failed for 5 days");
    expect(received.html).toContain("<p>The endpoint failed for 5 days.</p>");
    expect(mail.to(member.email)).toEqual([]);
  });

  it("tries every admin when one address is refused, then reports the failure", async () => {
    const tag = randomUUID().slice(0, 8);
    const bad = await upsertUser({ email: `aaa-refused-${tag}@example.test`, role: "ADMIN" });
    const good = await upsertUser({ email: `zzz-ok-${tag}@example.test`, role: "ADMIN" });
    mail.refused.add(bad.email);
    try {
      await expect(
        sendAdminEmail({ subject: `Refused ${tag}`, text: "t", html: "<p>t</p>" }),
      ).rejects.toThrow();
      expect(mail.to(good.email).map((m) => m.subject)).toEqual([`Refused ${tag}`]);
      expect(mail.to(bad.email)).toEqual([]);
    } finally {
      mail.refused.delete(bad.email);
    }
  });
});
