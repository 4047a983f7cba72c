import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver, type WebhookReceiver } from "../tests/support/webhook-receiver";
import { putAcmeOnPlan } from "./support/acme-plan";
import { ADMIN, signIn } from "./support/sign-in";

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

const planChanges = () => receiver.received.filter((r) => r.json?.type === "subscription.plan_changed");

test("an admin adds a webhook endpoint, a plan change reaches it signed, and the log shows and resends it", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();

  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel("Description").fill("E2E receiver");
  await page.getByLabel("All events").uncheck();
  await page.getByLabel("subscription.plan_changed").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);

  // Something happens: Acme moves to another plan (assigned first if it had none, then changed).
  await putAcmeOnPlan(page, { name: `E2E webhooks A ${Date.now()}` });
  await putAcmeOnPlan(page, { name: `E2E webhooks B ${Date.now()}` });
  await expect.poll(() => planChanges().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const [first] = planChanges();
  const event = new Webhook(secret).verify(first.body, first.headers) as { id: string; data: { customer: { externalId: string }; sequence: number } };
  expect(event.data.customer.externalId).toBe("acme");
  expect(event.data.sequence).toBeGreaterThanOrEqual(1);

  // The delivery log shows it delivered, with the attempt's status.
  await page.goto("/admin/webhooks");
  await page.getByRole("link", { name: receiver.url }).click();
  await expect(page.getByRole("heading", { name: receiver.url })).toBeVisible();
  const delivery = page.locator("li", { hasText: event.id });
  await expect(delivery.getByTestId("delivery-status")).toHaveText("succeeded");
  await expect(delivery.getByTestId("delivery-attempt")).toHaveCount(1);
  await expect(delivery.getByTestId("delivery-attempt").first()).toContainText("200");

  // Resend: the receiver gets the same event again, verified, and the log shows a second attempt.
  const before = receiver.received.filter((r) => r.headers["webhook-id"] === event.id).length;
  await delivery.getByRole("button", { name: "Resend" }).click();
  await expect.poll(() => receiver.received.filter((r) => r.headers["webhook-id"] === event.id).length, { timeout: 20_000 }).toBe(before + 1);
  const again = receiver.received.filter((r) => r.headers["webhook-id"] === event.id).at(-1)!;
  expect(new Webhook(secret).verify(again.body, again.headers)).toEqual(event);
  await expect.poll(async () => {
    await page.reload();
    return page.locator("li", { hasText: event.id }).getByTestId("delivery-attempt").count();
  }, { timeout: 15_000 }).toBe(2);

  // Off when done, so later specs' events do not queue for a receiver that is gone.
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled: Turned off by an admin")).toBeVisible();
});
