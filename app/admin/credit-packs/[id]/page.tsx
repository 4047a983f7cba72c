import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { minorToMajorText } from "@/lib/money/major-units";
import { getCreditPack } from "@/lib/credit-packs/get-credit-pack";
import { parseCurrency } from "@/lib/money/currencies";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";
import { PackForm } from "@/components/credits/pack-form";
import { savePackAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function EditCreditPackPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const pack = await notFoundOnMissing(getCreditPack(admin, (await params).id));
  const currency = parseCurrency(pack.currency);
  const major = (n: number) => minorToMajorText(n, currency);
  return (
    <div className="space-y-6">
      <Link href="/admin/credit-packs" className="text-sm text-indigo-700 hover:underline">
        ← Credit packs
      </Link>
      <h1 className="text-2xl font-semibold">Edit {pack.name}</h1>
      <p className="text-sm text-slate-500">
        Purchases already started keep the price and credits they began with.
      </p>
      <PackForm
        action={savePackAction}
        initial={{
          id: pack.id,
          name: pack.name,
          currency,
          price: major(pack.price.amountMinor),
          credits: major(pack.credits.amountMinor),
          bonusCredits: major(pack.bonusCredits.amountMinor),
          active: pack.active,
        }}
        submitLabel="Save pack"
      />
    </div>
  );
}
