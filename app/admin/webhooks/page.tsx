import { requireAdmin } from "@/lib/auth/current-user";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { AddEndpointForm } from "@/components/webhooks/add-endpoint-form";
import { EndpointTable } from "@/components/webhooks/endpoint-table";
import { createEndpointAction, setEndpointEnabledAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const admin = await requireAdmin();
  const endpoints = await listWebhookEndpoints(admin);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-slate-500">
          Your systems get each event (invoices, payments, credits, limits) as a signed POST, per the Standard Webhooks spec,
          retried for up to three days and in order per customer.
        </p>
      </div>
      <EndpointTable endpoints={endpoints} toggleAction={setEndpointEnabledAction} />
      <AddEndpointForm action={createEndpointAction} />
    </div>
  );
}
