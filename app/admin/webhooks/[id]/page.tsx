import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EnableToggle, EndpointStatus } from "@/components/webhooks/endpoint-table";
import { ReplayForm } from "@/components/webhooks/replay-form";
import { RotateSecretForm } from "@/components/webhooks/rotate-secret-form";
import { replayAction, resendDeliveryAction, rotateSecretAction, setEndpointEnabledAction } from "../actions";
import { formatTimestamp } from "@/lib/dates/format-date";

export const dynamic = "force-dynamic";

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const endpoint = await getWebhookEndpoint(admin, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const deliveries = await listDeliveries(admin, id, { limit: 100 });
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/webhooks" className="text-sm text-indigo-700 hover:underline">
          ← Webhooks
        </Link>
        <h1 className="mt-1 break-all text-2xl font-semibold">{endpoint.url}</h1>
        <p className="text-sm text-slate-500">
          {endpoint.description && <>{endpoint.description} · </>}
          Events: <span className="font-mono">{endpoint.eventTypes.length ? endpoint.eventTypes.join(", ") : "all"}</span> ·{" "}
          <EndpointStatus endpoint={endpoint} />
        </p>
        {endpoint.rotatingUntil && (
          <p className="text-sm text-amber-800">The previous secret keeps signing beside the new one until {formatTimestamp(endpoint.rotatingUntil)}.</p>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <EnableToggle endpoint={endpoint} action={setEndpointEnabledAction} />
        <RotateSecretForm endpointId={endpoint.id} action={rotateSecretAction} />
      </div>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Replay a time range</h2>
        <ReplayForm endpointId={endpoint.id} action={replayAction} />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Delivery log</h2>
        <DeliveryLog endpointId={endpoint.id} deliveries={deliveries} resendAction={resendDeliveryAction} />
      </section>
    </div>
  );
}
