import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { asCurrentUser } from "@/tests/support/session";
import { sendEmail } from "../send-email";
import { clearCaughtEmails } from "./clear-caught-emails";
import { getCaughtEmail } from "./get-caught-email";
import { listCaughtEmails } from "./list-caught-emails";
import { startLocalMailCatcher } from "./start-local-mail-catcher";
import type { MailCatcher } from "./start-mail-catcher";

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startLocalMailCatcher();
  process.env.SMTP_URL = catcher.url; // before anything reads the environment
});
afterAll(() => catcher.close());

describe("the local mail catcher and the admin Mail page's data", () => {
  it("keeps each message it receives over SMTP and lists them newest first for admins", async () => {
    const tag = randomUUID().slice(0, 8);
    const admin = asCurrentUser(await upsertUser({ email: `mail-admin-${tag}@example.test`, role: "ADMIN" }));
    await sendEmail({
      to: `first-${tag}@example.test`,
      subject: `First ${tag}`,
      text: "one",
      html: "<p>one</p>",
    });
    await sendEmail({
      to: `second-${tag}@example.test`,
      subject: `Second ${tag}`,
      text: "two\nlines",
      html: "<p>two <b>bold</b></p>",
    });

    const mine = (await listCaughtEmails(admin)).filter((m) => m.subject.endsWith(tag));
    expect(mine.map((m) => [m.subject, m.recipients, m.sender])).toEqual([
      [`Second ${tag}`, [`second-${tag}@example.test`], "billing@meterly.local"],
      [`First ${tag}`, [`first-${tag}@example.test`], "billing@meterly.local"],
    ]);
    expect(mine[0].sizeBytes).toBeGreaterThan(100);

    const detail = await getCaughtEmail(admin, mine[0].id);
    expect(detail.text.trim()).toBe("two\nlines");
    expect(detail.html).toContain("<p>two <b>bold</b></p>");
    expect(detail.messageId).toMatch(/^<.+@.+>$/);
  });

  it("refuses members, and answers NOT_FOUND for an id that is not a message", async () => {
    const tag = randomUUID().slice(0, 8);
    const customer = await upsertCustomer({ externalId: `mail-member-${tag}` });
    const member = asCurrentUser(
      await upsertUser({ email: `mail-member-${tag}@example.test`, customerId: customer.id }),
    );
    const admin = asCurrentUser(
      await upsertUser({ email: `mail-admin2-${tag}@example.test`, role: "ADMIN" }),
    );
    await sendEmail({ to: `x-${tag}@example.test`, subject: `Secret ${tag}`, text: "s", html: "<p>s</p>" });
    const [latest] = await listCaughtEmails(admin, { limit: 1 });

    await expect(listCaughtEmails(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCaughtEmail(member, latest.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(clearCaughtEmails(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getCaughtEmail(admin, latest.id)).subject).toBe(`Secret ${tag}`);
    await expect(getCaughtEmail(admin, "not-a-number")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCaughtEmail(admin, "999999999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("Delete all", () => {
  it("empties the Mail page for admins", async () => {
    const tag = randomUUID().slice(0, 8);
    const admin = asCurrentUser(
      await upsertUser({ email: `mail-admin3-${tag}@example.test`, role: "ADMIN" }),
    );
    await sendEmail({ to: `y-${tag}@example.test`, subject: `Gone ${tag}`, text: "g", html: "<p>g</p>" });
    expect(await clearCaughtEmails(admin)).toBeGreaterThan(0);
    expect(await listCaughtEmails(admin)).toEqual([]);
  });
});
