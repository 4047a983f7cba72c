import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMailServer, type TestMailServer } from "@/lib/notify/email/testing/test-mail-server";
import { prisma } from "@/lib/db/client";
import { toAppError } from "@/lib/errors/to-app-error";
import { hashMemberToken } from "@/lib/members/member-token";
import { requestPasswordReset } from "@/lib/members/request-password-reset";
import { sendPasswordReset } from "@/lib/members/send-password-reset";
import { setPasswordWithToken } from "@/lib/members/set-password-with-token";
import { attemptSignIn } from "@/lib/security/sign-in/attempt-sign-in";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { adminUser, memberOf, tag } from "../support/usage-fixtures";

let mail: TestMailServer;
beforeAll(async () => {
  mail = await startTestMailServer();
});
afterAll(() => mail.close());

function resetToken(to: string): string {
  const m = mail.to(to).at(-1)?.text.match(/\/reset-password\?token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no reset link emailed to ${to}`);
  return m[1];
}

const signIn = (email: string, password: string) => attemptSignIn({ email, password, ip: `10.9.${Math.floor(Math.random() * 250)}.1` });
const reset = (token: string, password: string) => setPasswordWithToken("RESET", { token, password, confirm: password });

async function member(t: string) {
  const customer = await upsertCustomer({ externalId: `reset-${t}` });
  const user = await upsertUser({ email: `m-${t}@reset.test`, password: "the-old-password", role: "MEMBER", customerId: customer.id });
  return { customer, user };
}

describe("password reset", () => {
  it("emails a link that works once; the new password signs in, the old one no longer", async () => {
    const t = tag();
    const { user } = await member(t);
    const { sent } = await requestPasswordReset({ email: user.email.toUpperCase() });
    await sent;
    const [message] = mail.to(user.email);
    expect(message.subject).toBe("Reset your Meterly password");
    const token = resetToken(user.email);
    const row = await prisma.memberToken.findFirstOrThrow({ where: { userId: user.id, purpose: "RESET" } });
    expect(row.tokenHash).toBe(hashMemberToken(token));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(3_590_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(3_600_000);

    expect(await reset(token, "the-new-password")).toEqual({ email: user.email });
    expect(await signIn(user.email, "the-new-password")).toMatchObject({ id: user.id });
    expect(await signIn(user.email, "the-old-password")).toBeNull();
    const second = toAppError(await reset(token, "a-third-password").catch((e) => e));
    expect(second?.problems.map((p) => [p.field, p.rule])).toEqual([["token", "valid_link"]]);
    expect(await signIn(user.email, "the-new-password")).not.toBeNull();
  });

  it("a link expires after an hour", async () => {
    const t = tag();
    const { user } = await member(t);
    const asked = new Date(Date.now() - 3_601_000);
    await (await requestPasswordReset({ email: user.email }, asked)).sent;
    const token = resetToken(user.email);
    await expect(reset(token, "too-late-password")).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    expect(await signIn(user.email, "the-old-password")).not.toBeNull();
  });

  it("answers an unknown email exactly as a known one, sending nothing", async () => {
    const t = tag();
    const { user } = await member(t);
    const before = mail.messages.length;
    const unknown = await requestPasswordReset({ email: `nobody-${t}@reset.test` });
    const known = await requestPasswordReset({ email: user.email });
    expect(Object.keys(unknown)).toEqual(Object.keys(known));
    await Promise.all([unknown.sent, known.sent]);
    expect(mail.messages.length).toBe(before + 1);
    expect(mail.to(`nobody-${t}@reset.test`)).toEqual([]);
    // A second request within the minute sends nothing more; a malformed address is refused on the field.
    await (await requestPasswordReset({ email: user.email })).sent;
    expect(mail.to(user.email)).toHaveLength(1);
    const bad = toAppError(await requestPasswordReset({ email: "nope" }).catch((e) => e));
    expect(bad?.problems.map((p) => p.field)).toEqual(["email"]);
  });

  it("the admin can send a reset link from the customer's page; a member cannot", async () => {
    const t = tag();
    const { customer, user } = await member(t);
    const admin = await adminUser();
    expect(await sendPasswordReset(admin, customer.id, user.id)).toEqual({ email: user.email, purpose: "RESET", emailed: true });
    await reset(resetToken(user.email), "admin-sent-password");
    expect(await signIn(user.email, "admin-sent-password")).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "member.password_reset_sent", target: user.id } })).toBe(1);
    const other = await upsertCustomer();
    await expect(sendPasswordReset(admin, other.id, user.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendPasswordReset(await memberOf(customer.id), customer.id, user.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
