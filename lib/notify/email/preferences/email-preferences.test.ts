import { describe, expect, it, vi } from "vitest";
import { asCurrentUser, signInAs } from "@/tests/support/session";
import { customerWithMembers } from "../testing/email-fixtures";
import { getEmailPreferences } from "./get-email-preferences";
import { saveEmailPreferences } from "./save-email-preferences";
import { submitEmailPreferences } from "./submit-email-preferences";

vi.mock("@/lib/auth/current-user", () => import("@/tests/support/session"));

const ALL_ON = { invoices: true, payments: true, limits: true, credits: true, account: true, other: true };

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("email preferences", () => {
  it("are all on until a member turns some off; each member's are their own", async () => {
    const { customer, ada, bob } = await customerWithMembers();
    const asAda = asCurrentUser(ada);
    expect(await getEmailPreferences(asAda, customer.id)).toEqual(ALL_ON);

    await saveEmailPreferences(asAda, customer.id, { ...ALL_ON, invoices: false, credits: false });

    expect(await getEmailPreferences(asAda, customer.id)).toEqual({
      ...ALL_ON,
      invoices: false,
      credits: false,
    });
    expect(await getEmailPreferences(asCurrentUser(bob), customer.id)).toEqual(ALL_ON);
    await saveEmailPreferences(asAda, customer.id, ALL_ON);
    expect(await getEmailPreferences(asAda, customer.id)).toEqual(ALL_ON);
  });

  it("a member of one customer can neither read nor change another's; admins have none", async () => {
    const a = await customerWithMembers();
    const b = await customerWithMembers();
    const intruder = asCurrentUser(a.ada);

    await expect(getEmailPreferences(intruder, b.customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveEmailPreferences(intruder, b.customer.id, { ...ALL_ON, payments: false }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const admin = { kind: "user" as const, userId: a.ada.id, role: "ADMIN" as const, customerId: null };
    await expect(getEmailPreferences(admin, b.customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getEmailPreferences(asCurrentUser(b.ada), b.customer.id)).toEqual(ALL_ON);
  });

  it("the form saves the signed-in member's choices for their own customer", async () => {
    const { customer, ada } = await customerWithMembers();
    signInAs(asCurrentUser(ada));

    const state = await submitEmailPreferences(
      form({ invoices: "on", limits: "on", account: "on", other: "on" }),
    );

    expect(state).toEqual({ ok: "Email settings saved." });
    expect(await getEmailPreferences(asCurrentUser(ada), customer.id)).toEqual({
      ...ALL_ON,
      payments: false,
      credits: false,
    });
  });

  it("the form refuses a bad checkbox value, naming the field, and saves nothing", async () => {
    const { customer, ada } = await customerWithMembers();
    signInAs(asCurrentUser(ada));

    const state = await submitEmailPreferences(form({ invoices: "yes" }));

    expect(state?.error).toBe("Fix the highlighted fields.");
    expect(state?.fields).toEqual({
      invoices: expect.stringContaining('must be checked ("on") or left out'),
    });
    expect(await getEmailPreferences(asCurrentUser(ada), customer.id)).toEqual(ALL_ON);
  });

  it("the data function refuses input that is not a boolean per category, naming it", async () => {
    const { customer, ada } = await customerWithMembers();
    await expect(
      saveEmailPreferences(asCurrentUser(ada), customer.id, { ...ALL_ON, limits: "no" }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["limits"], message: "must be true or false" })],
    });
  });
});
