import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import { getMeter } from "@/lib/metering/meters/get-meter";
import { formatFilterText } from "@/lib/metering/meters/filter-text";
import { MeterForm } from "@/components/admin/meter-form";
import { ArchiveMeterButton } from "@/components/admin/archive-meter-button";
import { archiveMeterAction, updateMeterAction } from "../../actions";

export default async function EditMeterPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const meter = await getMeter(admin, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (meter.archivedAt) notFound();
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">
          Edit meter <code className="text-xl">{meter.key}</code>
        </h1>
        <ArchiveMeterButton id={meter.id} meterKey={meter.key} action={archiveMeterAction} />
      </div>
      <MeterForm
        action={updateMeterAction}
        submitLabel="Save changes"
        inUse={meter.inUse}
        initial={{
          id: meter.id,
          key: meter.key,
          name: meter.name,
          eventType: meter.eventType,
          aggregation: meter.aggregation,
          valueProperty: meter.valueProperty ?? "",
          groupBy: meter.groupBy.join(", "),
          filters: formatFilterText(meter.filters as Record<string, unknown>),
          unit: meter.unit,
          allowNegative: meter.allowNegative,
        }}
      />
    </div>
  );
}
