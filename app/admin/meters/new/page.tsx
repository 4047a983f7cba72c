import { requireAdmin } from "@/lib/auth/current-user";
import { MeterForm } from "@/components/admin/meter-form";
import { createMeterAction } from "../actions";

export default async function NewMeterPage() {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New meter</h1>
      <MeterForm
        action={createMeterAction}
        submitLabel="Create meter"
        initial={{ key: "", name: "", eventType: "", aggregation: "SUM", valueProperty: "", groupBy: "", filters: "", unit: "units", allowNegative: false }}
      />
    </div>
  );
}
