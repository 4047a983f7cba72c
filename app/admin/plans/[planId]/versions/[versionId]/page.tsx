import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { getPlanVersion } from "@/lib/plans/get-plan-version";
import { listPriceableMeters } from "@/lib/plans/list-priceable-meters";
import { IMMUTABLE_MESSAGE } from "@/lib/plans/assert-draft";
import { VersionEditor } from "@/components/plans/version-editor";
import { VersionSummary } from "@/components/plans/version-summary";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";

export const dynamic = "force-dynamic";

export default async function VersionPage({ params }: { params: Promise<{ planId: string; versionId: string }> }) {
  const admin = await requireAdmin();
  const { planId, versionId } = await params;
  const [version, meters] = await Promise.all([notFoundOnMissing(getPlanVersion(admin, versionId)), listPriceableMeters(admin)]);
  if (version.planId !== planId) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/admin/plans/${planId}`} className="text-sm text-indigo-700 hover:underline">
          ← {version.planName}
        </Link>
        <h1 className="text-2xl font-semibold">
          {version.planName}, version {version.number} {version.status === "DRAFT" ? "(draft)" : ""}
        </h1>
      </div>
      {version.status === "DRAFT" ? (
        <VersionEditor version={version} meters={meters} />
      ) : (
        <>
          <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">This version is published: {IMMUTABLE_MESSAGE} from the plan page.</p>
          <VersionSummary version={version} />
        </>
      )}
    </div>
  );
}
