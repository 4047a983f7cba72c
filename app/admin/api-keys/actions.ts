"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { formAction, submitAction } from "@/lib/forms/form-action";
import { formText } from "@/lib/forms/form-fields";
import type { FormState } from "@/lib/forms/form-state";

type CreateKeyState = FormState<{ secret: string; prefix: string; scope: string }>;

const createKeyFields = z.object({ name: formText, customerId: formText, scope: formText });

/** Server actions read the acting admin from the session; they take no user id from the client. */
export async function createApiKeyAction(_prev: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  return formAction(form, {
    role: "admin",
    schema: createKeyFields,
    run: async (admin, { name, customerId, scope }) => {
      const key = await createApiKey(admin, { name, customerId: customerId || null, scope: scope || undefined });
      revalidatePath("/admin/api-keys");
      return { secret: key.secret, prefix: key.prefix, scope: key.scope };
    },
  });
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    await revokeApiKey(admin, String(form.get("id")));
    revalidatePath("/admin/api-keys");
  });
}
