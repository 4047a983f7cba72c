import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { removeOwnLimitAction } from "@/app/(portal)/limits/actions";
import { saveBillingDetailsAction } from "@/app/(portal)/settings/billing/actions";
import { upsertCustomer } from "@/lib/seed/factories";
import { saveCollectionTermsAction } from "@/app/admin/customers/[id]/billing-terms-actions";
import { removeAdminLimitAction, setAdminLimitAction } from "@/app/admin/customers/[id]/limit-actions";
import { isAppError } from "@/lib/errors/app-error";
import { signInAs } from "../support/session";
import { adminUser, memberOf } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Found by server-actions-bad-input.test.ts: an id from a form that is not a UUID reached a ::uuid cast and
// Postgres refused the query, a 500 where the form should say what is wrong.
const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return null;
}

beforeAll(async () => signInAs(await adminUser()));

describe("server actions given an id that is not a UUID", () => {
  it("revoking an API key is a 404, not a database error", async () => {
    const e = await thrown(revokeApiKeyAction(form({ id: "not-a-uuid" })));
    expect(isAppError(e) && e.status).toBe(404);
  });

  it("saving collection terms answers the form with 'No such customer' (a file posted as the id too)", async () => {
    for (const customerId of ["999999999", new File(["x"], "x.txt")]) {
      const state = await saveCollectionTermsAction({}, form({ customerId, netTermsDays: "30", creditNoteSettlement: "BALANCE" }));
      expect(state).toMatchObject({ error: "No such customer" });
    }
  });

  it("setting a limit answers the form with 'No such customer'; removing one is a 404", async () => {
    const state = await setAdminLimitAction(null, form({ customerId: "x".repeat(100), scope: "spend", amount: "10", mode: "alert", thresholds: "50" }));
    expect(state).toMatchObject({ error: "No such customer" });
    const e = await thrown(removeAdminLimitAction(form({ customerId: "\u0000", scope: "spend" })));
    expect(isAppError(e) && e.status).toBe(404);
  });
});

describe("server actions given NUL in a field (Postgres text cannot hold it)", () => {
  it("an admin form answers with the field, not a database error", async () => {
    signInAs(await adminUser());
    const state = await createApiKeyAction(null, form({ name: "a\u0000b", customerId: "" }));
    expect(state).toMatchObject({ error: "Fix the highlighted fields.", fields: { name: expect.stringContaining("NUL") } });
  });

  it("a member's billing details form names the field; removing a limit on such a scope is a 404", async () => {
    const customer = await upsertCustomer({ externalId: `nul-${Date.now()}`, name: "NUL test" });
    signInAs(await memberOf(customer.id));
    const state = await saveBillingDetailsAction({}, form({ legalName: "Acme", email: "a@example.com", addressLine1: "1 Road", city: "Town", postalCode: "1", region: "a\u0000b", country: "DE" }));
    expect(state).toMatchObject({ error: "Fix the highlighted fields.", fields: { region: expect.stringContaining("NUL") } });
    const e = await thrown(removeOwnLimitAction(form({ scope: "spend\u0000" })));
    expect(isAppError(e) && e.status).toBe(404);
  });
});
