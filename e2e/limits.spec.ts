import { expect, test, type APIRequestContext } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, createKeyInAdminUi, signIn } from "./support/sign-in";

const RUN = Date.now().toString(36);
/** A customer of this spec's own, so its cap and alerts leave Acme's (and the other specs') usage alone. */
const CUSTOMER = { externalId: `capped-${RUN}`, name: `E2E capped-${RUN}` };
const MEMBER = { email: `capped-${RUN}@e2e.test`, password: "capped-e2e-password" };

test("a member sets a hard cap, usage past it is refused (402) and the page shows the cap reached; raising it lets usage in again", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  runOnE2eDatabase("e2e/support/add-member.ts", [CUSTOMER.externalId, MEMBER.email, MEMBER.password]);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  // One cent a token: 100 tokens are $1.00.
  await putAcmeOnPlan(admin, { customer: CUSTOMER.name, name: `E2E limits ${RUN}`, unitPrice: "0.01" });
  const secret = await createKeyInAdminUi(admin, "e2e limits");
  const send = (api: APIRequestContext, data: unknown) =>
    api.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data });
  const event = (id: string, tokens: number) => ({
    id: `${id}-${RUN}`,
    customer: CUSTOMER.externalId,
    type: "llm_tokens",
    properties: { tokens, model: "gpt-e2e" },
  });

  // The member sets a hard cap of $1.00 on spend, with alerts at 50, 75 and 100%.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, MEMBER);
  await page.getByRole("link", { name: "Limits", exact: true }).click();
  await expect(page).toHaveURL(/\/limits$/);
  const card = page.getByTestId("limit-scope-spend");
  await expect(card).toContainText("No limit set.");
  const form = page.getByTestId("limit-form-spend");
  await form.locator('input[name="amount"]').fill("1.00");
  await form.locator('select[name="mode"]').selectOption("hard_cap");
  await form.locator('input[name="thresholds"]').fill("50, 75, 100");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. It applies to usage from now on.");
  await expect(card.getByTestId("limit-customer")).toContainText(
    "Your limit: $1.00 (hard cap; alerts at 50, 75, 100%)",
  );

  // A batch: $0.60 and $0.30 go in, $0.20 would pass the cap and is refused, $0.10 fits exactly.
  const batch = await send(request, {
    events: [event("a", 60), event("b", 30), event("c", 20), event("d", 10)],
  });
  expect(batch.status()).toBe(202);
  const partly = await batch.json();
  expect(partly).toMatchObject({ accepted: 3, rejected: 1 });
  expect(partly.events.map((e: { status: string }) => e.status)).toEqual([
    "accepted",
    "accepted",
    "rejected",
    "accepted",
  ]);
  expect(partly.events[2].problems).toEqual([expect.objectContaining({ rule: "spending_limit" })]);

  // At the cap, every further event is refused: 402 with the cap and the spend so far.
  const refused = await send(request, event("e", 1));
  expect(refused.status()).toBe(402);
  const body = await refused.json();
  expect(body.error).toMatchObject({
    code: "spending_limit_reached",
    limits: [
      {
        customer: CUSTOMER.externalId,
        scope: "spend",
        cap: { amountMinor: 100 },
        spendSoFar: { amountMinor: 100 },
        refusedCost: { amountMinor: 1 },
      },
    ],
  });

  // The page shows the spend at the cap, the alerts of each threshold and the cap reached; the header counts them.
  await page.reload();
  await expect(card.getByTestId("limit-value")).toHaveText("$1.00 this period");
  await expect(card.getByTestId("limit-customer")).toContainText("100%");
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  const history = page.getByTestId("alert-history");
  await expect(history).toContainText("Hard cap reached: usage refused");
  for (const t of [50, 75, 100]) await expect(history).toContainText(`${t}% of the limit reached`);
  await expect(history.getByRole("row")).toHaveCount(5); // the header and four alerts
  await expect(history.getByText("Active")).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Limits · 4 alerts" })).toBeVisible();

  // The member raises the cap to $2.00: the alerts now under their thresholds resolve, and usage flows again.
  await form.locator('input[name="amount"]').fill("2.00");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. It applies to usage from now on.");
  await expect(card.getByTestId("limit-customer")).toContainText("Your limit: $2.00 (hard cap");
  const again = await send(request, event("f", 10));
  expect(again.status()).toBe(202);
  expect(await again.json()).toMatchObject({ status: "accepted" });

  await page.reload();
  await expect(card.getByTestId("limit-value")).toHaveText("$1.10 this period");
  await expect(card.getByTestId("limit-customer")).toContainText("55%");
  // $1.00 of $2.00 was 50% when the cap was raised: that alert stays active; 75%, 100% and the cap resolved.
  await expect(history.getByText("Active")).toHaveCount(1);
  await expect(history.getByText(/^Resolved /)).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Limits · 1 alert", exact: true })).toBeVisible();
});
