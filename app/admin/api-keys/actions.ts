"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { isAppError } from "@/lib/errors/app-error";

export type CreateKeyState = { secret?: string; prefix?: string; error?: string } | null;

/** Server actions read the acting admin from the session; they take no user id from the client. */
export async function createApiKeyAction(_prev: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const admin = await requireAdmin();
  try {
    const customerId = String(form.get("customerId") ?? "") || null;
    const key = await createApiKey(admin, { name: form.get("name"), customerId });
    revalidatePath("/admin/api-keys");
    return { secret: key.secret, prefix: key.prefix };
  } catch (e) {
    if (isAppError(e)) return { error: e.problems.map((p) => `${p.field}: ${p.message}`).join("; ") || e.message };
    throw e;
  }
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const admin = await requireAdmin();
  await revokeApiKey(admin, String(form.get("id")));
  revalidatePath("/admin/api-keys");
}
