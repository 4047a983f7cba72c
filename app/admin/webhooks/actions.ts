"use server";

import { revalidatePath } from "next/cache";
import { formAction, submitAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { endpointInputFromForm } from "@/lib/webhooks/endpoint-form-input";
import { replayDeliveries } from "@/lib/webhooks/replay-deliveries";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-webhook-endpoint-enabled";

type SecretState = FormState<{ secret: string; endpointId: string }>;
type ReplayState = FormState<{ ok: string }>;

const id = (form: FormData) => String(form.get("id") ?? "");

/** Adds an endpoint; the state carries its secret, the only time the page can show it. */
export async function createEndpointAction(_prev: SecretState, form: FormData): Promise<SecretState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const endpoint = await createWebhookEndpoint(admin, endpointInputFromForm(form));
      revalidatePath("/admin/webhooks");
      return { secret: endpoint.secret, endpointId: endpoint.id };
    },
  });
}

export async function rotateSecretAction(_prev: SecretState, form: FormData): Promise<SecretState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const endpoint = await rotateWebhookSecret(admin, id(form));
      revalidatePath(`/admin/webhooks/${endpoint.id}`);
      return { secret: endpoint.secret, endpointId: endpoint.id };
    },
  });
}

export async function replayAction(_prev: ReplayState, form: FormData): Promise<ReplayState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const { replayed } = await replayDeliveries(admin, id(form), { from: form.get("from"), to: form.get("to") });
      revalidatePath(`/admin/webhooks/${id(form)}`);
      return { ok: `${replayed} event(s) queued to be sent again.` };
    },
  });
}

export async function setEndpointEnabledAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    await setWebhookEndpointEnabled(admin, id(form), form.get("enabled") === "true");
    revalidatePath("/admin/webhooks");
    revalidatePath(`/admin/webhooks/${id(form)}`);
  });
}

export async function resendDeliveryAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    await resendDelivery(admin, id(form), String(form.get("deliveryId") ?? ""));
    revalidatePath(`/admin/webhooks/${id(form)}`);
  });
}
