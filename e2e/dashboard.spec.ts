import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { putAcmeOnPlan } from "./support/acme-plan";
import { minorFromText } from "./support/money-text";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, createKeyInAdminUi, signIn } from "./support/sign-in";

const RUN = Date.now().toString(36);
/** A customer of this spec's own, with weeks of history, so Acme's (and the other specs') usage stay apart. */
const CUSTOMER = { externalId: `dash-${RUN}`, name: `E2E dash-${RUN}` };
const MEMBER = { email: `dash-${RUN}@e2e.test`, password: "dash-e2e-password" };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whole days of usage before today: more than the spike detector's 14-day baseline, under the 21 of weekday factors. */
const HISTORY_DAYS = 17;
/** Tokens an hour on day i of the history (a tenth of a cent each): $0.10, $0.12, $0.14 an hour in turn. */
const tokensPerHour = (day: number) => 100 + 20 * (day % 3);
/** The burst: $5.00 in the current hour, 35+ times the usual hour and well past $1 of excess. */
const BURST_TOKENS = 5000;
/** The live update's event: $0.25, too small to be a spike on its own even in an hour of its own. */
const LIVE_TOKENS = 250;

const money = (minor: bigint) => {
  const whole = (minor / 100n).toLocaleString("en-US");
  return `$${whole}.${String(minor % 100n).padStart(2, "0")}`;
};
const minorOf = async (l: Locator) => minorFromText((await l.textContent()) ?? "");

test("a member's dashboard shows this period's spend, the projected band, the credit runway, the limit and a burst's spike, and updates live", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  runOnE2eDatabase("e2e/support/add-member.ts", [CUSTOMER.externalId, MEMBER.email, MEMBER.password]);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  const customerId = await putAcmeOnPlan(admin, {
    customer: CUSTOMER.name,
    name: `E2E dashboard ${RUN}`,
    unitPrice: "0.001",
  });
  // The subscription started (and its monthly periods are anchored) 17 days ago at midnight UTC.
  const today = Math.floor(Date.now() / DAY) * DAY;
  const anchor = new Date(today - HISTORY_DAYS * DAY);
  runOnE2eDatabase("e2e/support/backdate-subscription.ts", [CUSTOMER.externalId, anchor.toISOString()]);
  const periodEnd = new Date(anchor);
  periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1); // 17 days back: no month-end clamping can matter
  const secret = await createKeyInAdminUi(admin, `e2e dashboard ${RUN}`);
  const send = (api: APIRequestContext, data: unknown) =>
    api.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data });
  const event = (id: string, tokens: number, timestamp?: Date) => ({
    id: `${id}-${RUN}`,
    customer: CUSTOMER.externalId,
    type: "llm_tokens",
    ...(timestamp && { timestamp: timestamp.toISOString() }),
    properties: { tokens, model: "gpt-e2e" },
  });

  // The member sets an alert-only budget of $100.00 first, alerting at 40, 75 and 100%.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, MEMBER);
  await page.goto("/limits");
  const form = page.getByTestId("limit-form-spend");
  await form.locator('input[name="amount"]').fill("100.00");
  await form.locator('select[name="mode"]').selectOption("alert");
  await form.locator('input[name="thresholds"]').fill("40, 75, 100");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. It applies to usage from now on.");

  // 17 days of hourly usage, sent now with past timestamps (each inside the subscription's first period):
  // $48.48, past the budget's 40% in one write.
  const history = [];
  let historyTokens = 0n;
  for (let d = 0; d < HISTORY_DAYS; d++) {
    for (let h = 0; h < 24; h++) {
      const at = new Date(anchor.getTime() + d * DAY + h * HOUR + 30 * 60_000);
      history.push(event(`h-${d}-${h}`, tokensPerHour(d), at));
      historyTokens += BigInt(tokensPerHour(d));
    }
  }
  const sent = await send(request, { events: history });
  expect(sent.status()).toBe(202);
  expect(await sent.json()).toMatchObject({ accepted: history.length, rejected: 0 });
  const historyMinor = historyTokens / 10n; // $0.001 a token
  expect(historyMinor).toBe(4848n); // 24 h x (6 x 100 + 6 x 120 + 5 x 140) tokens

  // The admin grants $20.00 of credits after the history, so only what follows burns them.
  await admin.goto(`/admin/customers/${customerId}`);
  const promo = admin.getByTestId("customer-credits").getByTestId("promo-form");
  await promo.getByLabel(/Amount/).fill("20.00");
  await promo.getByLabel(/Expires/).fill("2099-12-31");
  await promo.getByLabel(/Description/).fill("E2E dashboard credits");
  await promo.getByRole("button", { name: "Grant credits" }).click();
  await expect(promo.getByRole("status")).toHaveText("Granted 20.00 in promotional credits.");

  // The burst, now: $5.00 in one hour, burned from the credits.
  const hhmm = (t: number) => new Date(Math.floor(t / HOUR) * HOUR).toISOString().slice(11, 16);
  const burstHours = [hhmm(Date.now())];
  const burst = await send(request, event("burst", BURST_TOKENS));
  expect(burst.status()).toBe(202);
  burstHours.push(hhmm(Date.now()));
  const spendMinor = historyMinor + BigInt(BURST_TOKENS) / 10n;
  // The app's sweep raises forecast and spike alerts every 15 minutes; run it for this customer now. Whenever
  // the app's own sweep runs too, it finds the same: 40% was reached by the history (before any sweep could
  // see a limit under it), 75% is projected ($77+ at any hour of the period) and 100% is not ($94 at most).
  runOnE2eDatabase("e2e/support/run-forecast-alerts.ts", [CUSTOMER.externalId]);

  await page.goto("/dashboard");
  await expect(page.getByTestId("dash-spend")).toContainText(money(spendMinor)); // $53.48
  const upcoming = page.getByTestId("dash-upcoming");
  await expect(upcoming).toContainText(money(spendMinor));
  await expect(upcoming).toContainText(`${money(spendMinor - 500n)} due after credits`);

  const credits = page.getByTestId("dash-credits");
  await expect(credits).toContainText("$15.00");
  // $15.00 at $5.00 a week: 21 days.
  await expect(page.getByTestId("dash-runway")).toHaveText(
    "At the last 7 days' rate ($5.00), credits last about 21 days",
  );

  // The projection: the median of the last 7 whole days (2,880 tokens, $2.88 a day) for the rest of the
  // period, the band from the 14 days' quartiles ($2.40 and $3.24 a day), on top of what is spent: the
  // burst is not the rate. The server's clock and ours differ by seconds: a few cents of slack.
  const projection = page.getByTestId("dash-projection");
  const band = page.getByTestId("dash-projection-band");
  await expect(band).toHaveText(
    /^likely \$[\d,]+\.\d{2} – \$[\d,]+\.\d{2}, at the recent daily rate priced through your plan's tiers$/,
  );
  const [, lowText, highText] = /likely (\S+) – (\S+),/.exec((await band.textContent()) ?? "")!;
  const mid = await minorOf(projection.locator("p").first());
  const [low, high] = [minorFromText(lowText), minorFromText(highText)];
  const daysLeft = (periodEnd.getTime() - Date.now()) / DAY;
  const near = (got: bigint, perDayMinor: number) =>
    expect(Math.abs(Number(got - spendMinor) - perDayMinor * daysLeft)).toBeLessThan(5);
  near(low, 240);
  near(mid, 288);
  near(high, 324);
  expect(low < mid && mid < high).toBe(true);
  await expect(page.getByTestId("dash-spikes")).toHaveText("1 usage spike in the last 7 days");

  // The budget: $53.48 of $100.00; two active alerts: 40% reached, 75% projected.
  const limits = page.getByTestId("dash-limits");
  await expect(limits).toContainText(`Spend: ${money(spendMinor)} of $100.00`);
  await expect(limits).toContainText("53%");
  await expect(limits.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "53");
  await expect(limits).toContainText("2 active alerts");
  await expect(page.getByTestId("dash-last-invoice")).toContainText("No invoice yet");
  // The period's cumulative spend, the projection continuing it and the budget line.
  const spendChart = page
    .getByTestId("dash-spend-chart")
    .getByRole("img", { name: "Cumulative spend this period, with the projection and the budget" });
  await expect(spendChart).toBeVisible();
  await expect(spendChart.getByText("Budget $100.00")).toBeVisible();

  // Live: one more event shows within 10 s, without a reload.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const live = await send(request, event("live", LIVE_TOKENS));
  expect(live.status()).toBe(202);
  await expect(page.getByTestId("dash-spend")).toContainText(money(spendMinor + 25n), { timeout: 10_000 });
  await expect(credits).toContainText("$14.75");
  await expect(page.getByTestId("dash-spikes")).toHaveText("1 usage spike in the last 7 days");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
    true,
  );

  // The spike alert, on the usage chart (a marker at the burst's hour, named in the chart's label) and in the
  // limits page's history beside the 40% and the projected 75%.
  await page.getByRole("link", { name: "Usage", exact: true }).click();
  await expect(page).toHaveURL(/\/usage$/);
  const chart = page
    .getByTestId("usage-section-llm_tokens")
    .getByRole("img", { name: /by hour, 1 spike\(s\) marked$/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByText("spike", { exact: true })).toBeVisible();
  await page.goto("/limits");
  const alerts = page.getByTestId("alert-history");
  await expect(alerts).toContainText("40% of the limit reached");
  await expect(alerts).toContainText("Projected to exceed 75% of the limit by the period's end");
  await expect(alerts).not.toContainText("Projected to exceed 100%");
  const spike = alerts.getByText(/^Usage spike: /);
  await expect(spike).toHaveCount(1);
  // "Usage spike: 5,000 in the hour of Dec 6, 2026, 21:00 UTC": the burst's hour, with its day.
  const text = (await spike.textContent()) ?? "";
  const found = /^Usage spike: ([\d,]+) in the hour of [A-Z][a-z]{2} \d{1,2}, \d{4}, (\d{2}:\d{2}) UTC$/.exec(
    text,
  );
  expect(found, text).not.toBeNull();
  expect(found![1].replace(/,/g, "")).toBe(String(BURST_TOKENS));
  expect(burstHours).toContain(found![2]);
});
