"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { packInputFromForm } from "@/lib/credit-packs/pack-form-input";
import { updateCreditPack } from "@/lib/credit-packs/update-credit-pack";
import { isAppError } from "@/lib/errors/app-error";
import { problemsByField } from "@/lib/errors/problems-by-field";

export type PackFormState = { error?: string; fields?: Record<string, string> } | null;

/** Creates or (with an id) updates a pack; the admin is read from the session, the pack id checked by lib. */
export async function savePackAction(_prev: PackFormState, form: FormData): Promise<PackFormState> {
  const admin = await requireAdmin();
  const id = String(form.get("id") ?? "");
  const parsed = packInputFromForm(form);
  if (!parsed.ok) return { error: "Fix the highlighted fields.", fields: problemsByField(parsed.problems) };
  let name: string;
  try {
    name = (id ? await updateCreditPack(admin, id, parsed.input) : await createCreditPack(admin, parsed.input)).name;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fields = problemsByField(e.problems);
    return { error: Object.keys(fields).length ? "Fix the highlighted fields." : e.message, fields };
  }
  revalidatePath("/admin/credit-packs");
  redirect(`/admin/credit-packs?saved=${encodeURIComponent(name)}`);
}
