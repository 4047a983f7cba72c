import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { minorFromText } from "./support/money-text";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";
import { ADMIN, signIn } from "./support/sign-in";

const RUN = Date.now().toString(36);
/** A member of this spec's own customer, to be refused the admin's analytics. */
const MEMBER = { email: `analytics-${RUN}@e2e.test`, password: "analytics-e2e-password" };

/** RFC 4180 CSV (quoted fields with doubled quotes, CRLF line ends, one at the end) as rows of fields. */
function csvRows(text: string): string[][] {
  expect(text.endsWith("\r\n"), "the file ends with CRLF").toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = "";
    if (text[i] === '"') {
      for (i++; !(text[i] === '"' && text[i + 1] !== '"'); i++) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        value += text[i];
        if (text[i] === '"') i++;
      }
      i++;
    } else for (; i < text.length && text[i] !== "," && text[i] !== "\r"; i++) value += text[i];
    row.push(value);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

test("the admin's analytics page shows the revenue chart and tables, and the revenue CSV's total equals the page's", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/analytics?currency=USD");
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: "Revenue by month in USD" })).toBeVisible();
  for (const table of ["revenue-table", "credits-table", "receivables-table", "top-customers-table"])
    await expect(page.getByTestId(table)).toBeVisible();
  const pageTotal = minorFromText((await page.getByTestId("revenue-total").textContent()) ?? "");

  // The page's own rows add up to its total.
  const rowTotals = await page
    .getByTestId("revenue-table")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows
        .map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? ""))
        .filter((cells) => cells.length === 6)
        .map((cells) => ({ month: cells[0], total: cells[5] })),
    );
  expect(rowTotals.length).toBeGreaterThan(0);
  expect(rowTotals.reduce((s, r) => s + minorFromText(r.total), 0n)).toBe(pageTotal);

  // The CSV behind the page's link, downloaded as a browser would.
  const link = page.getByTestId("csv-revenue");
  await expect(link).toHaveAttribute("href", "/api/admin/analytics/revenue.csv?currency=USD");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("meterly-revenue-USD.csv");
  const file = await download.path();
  const [header, ...rows] = csvRows(await readFile(file, "utf8"));
  expect(header[0]).toBe("month");
  const at = (name: string) => {
    const i = header.indexOf(name);
    expect(i, `column ${name} in ${header.join(",")}`).toBeGreaterThan(0);
    return i;
  };
  const total = at("total_USD");
  for (const r of rows) {
    expect(r).toHaveLength(header.length);
    for (const v of r.slice(1)) expect(v).toMatch(/^-?\d+\.\d{2}$/);
  }
  // Same months, same totals, and the column's sum is the page's total, all in integer cents.
  expect(rows.map((r) => r[0])).toEqual(rowTotals.map((r) => r.month));
  expect(rows.map((r) => minorFromText(r[total]))).toEqual(rowTotals.map((r) => minorFromText(r.total)));
  expect(rows.reduce((s, r) => s + minorFromText(r[total]), 0n)).toBe(pageTotal);
  // Each row's parts add up to its total: fees, minimum and usage per meter, less credit notes.
  const parts = header.flatMap((h, i) => (/^(base_fees|minimum_spend|usage_.+)_USD$/.test(h) ? [i] : []));
  const notes = at("credit_notes_USD");
  for (const r of rows)
    expect(parts.reduce((s, i) => s + minorFromText(r[i]), 0n) - minorFromText(r[notes])).toBe(
      minorFromText(r[total]),
    );
});

test("a member is refused the admin's analytics page and its CSV", async ({ page }) => {
  runOnE2eDatabase("e2e/support/add-member.ts", [`analytics-${RUN}`, MEMBER.email, MEMBER.password]);
  await signIn(page, MEMBER);
  const res = await page.goto("/admin/analytics?currency=USD");
  const refused = res?.status() === 404 || res?.status() === 403 || /\/signin/.test(page.url());
  expect(refused, `status ${res?.status()} at ${page.url()}`).toBe(true);
  await expect(page.getByRole("img", { name: /Revenue by month/ })).toHaveCount(0);
  await expect(page.getByTestId("revenue-total")).toHaveCount(0);
  const csv = await page.request.get("/api/admin/analytics/revenue.csv?currency=USD");
  expect([403, 404]).toContain(csv.status());
  expect(await csv.text()).not.toContain("total_USD");
});
