import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { FIX_FIELDS } from "@/lib/forms/form-action";
import { usePrivateDatabase } from "../support/private-database";
import { countChanges, rowCounts } from "../support/row-counts";
import { loadAction, serverActions, type ActionFn } from "../support/server-action-files";
import { signInAs } from "../support/session";
import { formCases, toFormData, type FormCase } from "../support/fuzz/form-cases";
import { fuzzWorld, routeTargets, type FuzzWorld } from "../support/fuzz/fuzz-world";
import { FuzzTally, fuzzSettings } from "../support/fuzz/tally";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Actions that send the member to a payment page read the request's origin.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000" }), cookies: async () => new Map() }));

// Every server action in app/ ("use server" files, found in the tree) gets arbitrary forms from the actor it
// is for (an admin for app/admin, a member for app/(portal), nobody signed in for the public ones). Each answers with the form's error state (naming the
// fields for a validation error), succeeds (a state, or a redirect), or, for a plain form, throws a domain
// error (a 4xx); it never throws anything else, and a refused form leaves every table's row count as it was.
const { numRuns, seed } = fuzzSettings(30);
const tally = new FuzzTally();
let world: FuzzWorld;
let dropDatabase: (() => Promise<void>) | undefined;
const actions = serverActions();
type Targets = Awaited<ReturnType<typeof routeTargets>>;
let targets: Targets;

/** The fields each action's form posts, with a good value for each. A new action fails the test until it is listed. */
function formFields(w: FuzzWorld, t: Targets): Record<string, Record<string, string>> {
  const limit = { scope: "spend", amount: "100.00", mode: "alert", thresholds: "50, 80, 100" };
  const meter = { key: "fuzz_form", name: "Form meter", eventType: "fuzz_form", aggregation: "SUM", valueProperty: "tokens", unit: "tokens", groupBy: "model", filters: "region = eu", allowNegativeField: "1", allowNegative: "on" };
  return {
    "buyPackAction": { packId: "00000000-0000-0000-0000-000000000000" },
    "dismissDeclineAction": { purchaseId: "00000000-0000-0000-0000-000000000000" },
    "acceptInviteAction": { token: "not-a-token", password: "correct horse battery", confirm: "correct horse battery" },
    "resetPasswordAction": { token: "not-a-token", password: "correct horse battery", confirm: "correct horse battery" },
    "forgotPasswordAction": { email: "nobody@example.com" },
    "inviteMemberAction": { customerId: w.customer.id, email: "new.member@example.com", name: "New Member" },
    "sendMemberLinkAction": { customerId: w.customer.id, userId: "00000000-0000-0000-0000-000000000000" },
    "createCustomerAction": { name: "Form customer", externalId: "form-customer", currency: "USD", billingEmail: "", planVersionId: "" },
    "autoRechargeAction": { enabled: "on", threshold: "10.00", packId: "00000000-0000-0000-0000-000000000000" },
    "lowBalanceAlertAction": { amount: "5.00" },
    "payInvoiceAction": { invoiceId: "00000000-0000-0000-0000-000000000000" },
    "setOwnLimitAction": limit,
    "removeOwnLimitAction": { scope: "spend" },
    "saveBillingDetailsAction": { legalName: "Fuzz Ltd", email: "billing@example.com", addressLine1: "1 Road", addressLine2: "", city: "Town", postalCode: "12345", region: "", country: "DE" },
    "saveEmailPreferencesAction": { lowBalance: "on", invoices: "on" },
    "createApiKeyAction": { name: "form key", customerId: w.customer.id },
    "revokeApiKeyAction": { id: "00000000-0000-0000-0000-000000000000" },
    "savePackAction": { id: "", name: "Pack", currency: "USD", price: "49.00", credits: "50.00", bonusCredits: "0", active: "on" },
    "saveCollectionTermsAction": { customerId: w.customer.id, netTermsDays: "30", dunningEnabled: "on", creditNoteSettlement: "BALANCE" },
    "grantPromotionalAction": { customerId: w.customer.id, amount: "10.00", expiresAt: "", description: "promo" },
    "adjustCreditsAction": { customerId: w.customer.id, amount: "-1.00", reason: "fuzz" },
    "setAdminLimitAction": { customerId: w.customer.id, ...limit },
    "removeAdminLimitAction": { customerId: w.customer.id, scope: "spend" },
    "invoiceAction": { customerId: w.customer.id, invoiceId: "00000000-0000-0000-0000-000000000000", action: "void" },
    "issueCreditNoteAction": { customerId: w.customer.id, invoiceId: "00000000-0000-0000-0000-000000000000", amount: "1.00", reason: "fuzz", settlement: "BALANCE" },
    "clearMailAction": {},
    "createMeterAction": meter,
    "updateMeterAction": { id: t.meter.id, name: "Renamed" },
    "archiveMeterAction": { id: "00000000-0000-0000-0000-000000000000" },
    "voidEventsAction": { mode: "one", customer: w.customer.externalId, eventId: "nope", eventType: t.meter.eventType, from: "2026-01-01T00:00", to: "2026-01-02T00:00", propertyName: "", propertyValue: "", reason: "fuzz test" },
    "createEndpointAction": { url: "http://127.0.0.1:9/hook", description: "d", eventTypes: "invoice.finalized", all: "" },
    "rotateSecretAction": { id: "00000000-0000-0000-0000-000000000000" },
    "replayAction": { id: "00000000-0000-0000-0000-000000000000", from: "2026-01-01T00:00", to: "2026-01-02T00:00" },
    "setEndpointEnabledAction": { id: "00000000-0000-0000-0000-000000000000", enabled: "true" },
    "resendDeliveryAction": { id: "00000000-0000-0000-0000-000000000000", deliveryId: "00000000-0000-0000-0000-000000000000" },
  };
}

const isRedirect = (e: unknown) => typeof (e as { digest?: unknown })?.digest === "string" && (e as { digest: string }).digest.startsWith("NEXT_REDIRECT");

/** What is wrong with an action's outcome, or null; and whether the form was refused (nothing may be written). */
async function outcome(fn: ActionFn, c: FormCase): Promise<{ problem: string | null; refused: boolean; label: string }> {
  const form = toFormData(c);
  try {
    const state = (fn.length >= 2 ? await fn(null, form) : await fn(form)) as { error?: unknown; fields?: Record<string, string> } | null | undefined;
    if (!state || state.error === undefined) return { problem: null, refused: false, label: "ok" };
    if (typeof state.error !== "string" || state.error === "") return { problem: `an error state without a message: ${JSON.stringify(state)}`, refused: true, label: "error state" };
    if (state.error === FIX_FIELDS && !Object.keys(state.fields ?? {}).length) return { problem: "a validation error naming no field", refused: true, label: "error state" };
    return { problem: null, refused: true, label: Object.keys(state.fields ?? {}).length ? "fields named" : "error state" };
  } catch (e) {
    if (isRedirect(e)) return { problem: null, refused: false, label: "redirect" };
    if (isAppError(e) && e.status < 500 && fn.length < 2) return { problem: null, refused: true, label: `thrown ${e.status}` };
    return { problem: `threw ${isAppError(e) ? `AppError ${e.status}` : ""}${(e as Error)?.stack?.slice(0, 600) ?? String(e)}`, refused: true, label: "threw" };
  }
}

beforeAll(async () => {
  dropDatabase = await usePrivateDatabase("fuzz_actions");
  world = await fuzzWorld();
  targets = await routeTargets(world);
}, 120_000);

afterAll(async () => {
  console.log(`\n${tally.table(`Server action fuzz (seed ${seed}, FUZZ_RUNS ${numRuns})`)}\n`);
  await dropDatabase?.();
});

describe("bad forms to every server action", () => {
  it("finds the actions in the tree, each with its fields listed here", () => {
    const fields = formFields(world, targets);
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => !(a.name in fields)).map((a) => `${a.file}#${a.name}`)).toEqual([]);
  });

  for (const a of actions) {
    it(`${a.file}#${a.name} (${a.role}): a form's error state or a success, never a throw, nothing written when refused`, async () => {
      const fields = formFields(world, targets)[a.name];
      if (!fields) return; // the test above fails for it
      const fn = await loadAction(a);
      signInAs(a.role === "admin" ? world.admin : a.role === "member" ? world.member : null);
      let counts = await rowCounts();
      await fc.assert(
        fc.asyncProperty(formCases(fields), async (c) => {
          const r = await outcome(fn, c);
          tally.add(`${a.role} ${a.name}`, c.family, r.label);
          const where = `${a.file}#${a.name} [${c.family}: ${c.note}]`;
          if (r.problem) throw new Error(`${where}: ${r.problem}`);
          const after = await rowCounts();
          const changed = countChanges(counts, after);
          if (r.refused && changed.length) throw new Error(`${where} refused (${r.label}) but wrote: ${changed.join(", ")}`);
          counts = after;
        }),
        { numRuns, seed, endOnFailure: process.env.FUZZ_SHRINK !== "1" },
      );
    }, 120_000);
  }
});
