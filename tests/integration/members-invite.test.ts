import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMailServer, type TestMailServer } from "@/lib/notify/email/testing/test-mail-server";
import { prisma } from "@/lib/db/client";
import { toAppError } from "@/lib/errors/to-app-error";
import { inviteMember } from "@/lib/members/invite-member";
import { listMembers } from "@/lib/members/list-members";
import { hashMemberToken } from "@/lib/members/member-token";
import { setPasswordWithToken } from "@/lib/members/set-password-with-token";
import { attemptSignIn } from "@/lib/security/sign-in/attempt-sign-in";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { adminUser, memberOf, tag } from "../support/usage-fixtures";

let mail: TestMailServer;
beforeAll(async () => {
  mail = await startTestMailServer();
});
afterAll(() => mail.close());

/** The one-time link's token from the last email to `to` (its text part, as the member's mail client shows it). */
function linkToken(to: string, path: string): string {
  const m = mail.to(to).at(-1)?.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${path} link emailed to ${to}`);
  return m[1];
}

const signIn = (email: string, password: string) => attemptSignIn({ email, password, ip: `10.${Math.floor(Math.random() * 250)}.0.${Math.floor(Math.random() * 250)}` });

describe("inviting members", () => {
  it("emails a one-time link; accepting it sets the password, and sign-in then works", async () => {
    const admin = await adminUser();
    const t = tag();
    const customer = await upsertCustomer({ externalId: `inv-${t}`, name: `Invited Co ${t}` });
    const email = `new-${t}@invited.test`;

    const sent = await inviteMember(admin, customer.id, { email: ` New-${t}@Invited.TEST `, name: "Nia" });
    expect(sent).toMatchObject({ email, emailed: true });
    const [message] = mail.to(email);
    expect(message.subject).toBe(`You're invited to Invited Co ${t} on Meterly`);
    expect(message.html).toContain("/accept-invite?token=");
    const token = linkToken(email, "/accept-invite");

    // Only the hash is stored; the invited member cannot sign in yet.
    const row = await prisma.memberToken.findFirstOrThrow({ where: { userId: sent.userId } });
    expect(row.tokenHash).toBe(hashMemberToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await signIn(email, "anything-at-all")).toBeNull();
    expect((await listMembers(admin, customer.id)).map((m) => [m.email, m.pending])).toEqual([[email, true]]);

    expect(await setPasswordWithToken("INVITE", { token, password: "a-good-password", confirm: "a-good-password" })).toEqual({ email });
    expect(await signIn(email, "a-good-password")).toMatchObject({ id: sent.userId, email });
    expect((await listMembers(admin, customer.id)).map((m) => [m.email, m.pending])).toEqual([[email, false]]);
    // The link worked once.
    const again = toAppError(await setPasswordWithToken("INVITE", { token, password: "another-password", confirm: "another-password" }).catch((e) => e));
    expect(again?.problems.map((p) => [p.field, p.rule])).toEqual([["token", "valid_link"]]);
    expect(await signIn(email, "a-good-password")).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { target: sent.userId, action: { in: ["member.invited", "member.invitation_accepted"] } } })).toBe(2);
  });

  it("sending again makes the earlier link stop working; an email with an account elsewhere is refused", async () => {
    const admin = await adminUser();
    const t = tag();
    const customer = await upsertCustomer({ externalId: `inv2-${t}` });
    const email = `twice-${t}@invited.test`;
    await inviteMember(admin, customer.id, { email });
    const first = linkToken(email, "/accept-invite");
    await inviteMember(admin, customer.id, { email });
    const second = linkToken(email, "/accept-invite");
    expect(second).not.toBe(first);
    await expect(setPasswordWithToken("INVITE", { token: first, password: "password-one", confirm: "password-one" })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await setPasswordWithToken("INVITE", { token: second, password: "password-two", confirm: "password-two" });

    const other = await upsertCustomer();
    const taken = await upsertUser({ email: `taken-${t}@invited.test`, role: "MEMBER", customerId: other.id });
    const refused = toAppError(await inviteMember(admin, customer.id, { email: taken.email }).catch((e) => e));
    expect(refused?.problems.map((p) => [p.field, p.rule])).toEqual([["email", "unique"]]);
    const bad = toAppError(await inviteMember(admin, customer.id, { email: "not-an-email" }).catch((e) => e));
    expect(bad?.problems.map((p) => p.field)).toEqual(["email"]);
    // Accepted members cannot be "invited" again either.
    await expect(inviteMember(admin, customer.id, { email })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
  });

  it("refuses a member inviting, and passwords that are short or differ", async () => {
    const t = tag();
    const customer = await upsertCustomer({ externalId: `inv3-${t}` });
    const member = await memberOf(customer.id);
    await expect(inviteMember(member, customer.id, { email: `x-${t}@invited.test` })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.user.count({ where: { email: `x-${t}@invited.test` } })).toBe(0);
    const admin = await adminUser();
    await inviteMember(admin, customer.id, { email: `y-${t}@invited.test` });
    const token = linkToken(`y-${t}@invited.test`, "/accept-invite");
    const short = toAppError(await setPasswordWithToken("INVITE", { token, password: "short", confirm: "short" }).catch((e) => e));
    expect(short?.problems.map((p) => p.field)).toEqual(["password"]);
    const differ = toAppError(await setPasswordWithToken("INVITE", { token, password: "long-enough-1", confirm: "long-enough-2" }).catch((e) => e));
    expect(differ?.problems.map((p) => p.field)).toEqual(["confirm"]);
    // Refused input used nothing up: the link still works.
    await setPasswordWithToken("INVITE", { token, password: "long-enough-1", confirm: "long-enough-1" });
  });
});
