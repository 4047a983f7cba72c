import { majorToMinor } from "@/lib/money/major-units";
import type { FieldProblem } from "@/lib/errors/app-error";
import { isKnownCurrency } from "@/lib/money/currencies";

export type PackFormResult = { ok: true; input: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

/** The admin form's fields (amounts in major units, "49.00") as the lib input (minor units). */
export function packInputFromForm(form: FormData): PackFormResult {
  const currency = String(form.get("currency") ?? "").trim().toUpperCase();
  const problems: FieldProblem[] = [];
  const input: Record<string, unknown> = { name: String(form.get("name") ?? ""), currency, active: form.get("active") === "on" || form.get("active") === "true" };
  if (!isKnownCurrency(currency)) return { ok: false, problems: [{ field: "currency", rule: "currency", message: "pick a currency" }] };
  for (const [field, key] of [["price", "priceMinor"], ["credits", "creditsMinor"], ["bonusCredits", "bonusCreditsMinor"]] as const) {
    const parsed = majorToMinor(String(form.get(field) ?? ""), currency);
    if (parsed.ok) input[key] = parsed.minor.toString();
    else problems.push({ field: key, rule: "amount", message: parsed.message });
  }
  return problems.length ? { ok: false, problems } : { ok: true, input };
}
