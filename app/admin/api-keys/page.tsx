import { requireAdmin } from "@/lib/auth/current-user";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { listCustomers } from "@/lib/customers/list-customers";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { ApiKeyTable } from "@/components/admin/api-key-table";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export default async function ApiKeysPage() {
  const admin = await requireAdmin();
  const [keys, customers] = await Promise.all([listApiKeys(admin), listCustomers(admin)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-500">
          Your apps send usage with these keys: Authorization: Bearer &lt;key&gt;. A key&apos;s scope says what it
          may do: <strong>ingest</strong> only sends usage (POST /api/v1/events), <strong>read</strong> only
          reads (the GET routes), <strong>full</strong> both. A key limited to a customer acts only for it.
        </p>
        <p className="text-sm text-slate-500">
          What the keys can call: the <a className="text-indigo-700 hover:underline" href="/docs/api">API reference</a>{" "}
          (the OpenAPI document: <a className="text-indigo-700 hover:underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>).
        </p>
      </div>
      <CreateApiKeyForm
        customers={customers.map((c) => ({ id: c.id, name: c.name }))}
        action={createApiKeyAction}
      />
      <ApiKeyTable keys={keys} revokeAction={revokeApiKeyAction} now={new Date()} />
    </div>
  );
}
