import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { getCaughtEmail } from "@/lib/notify/email/catcher/get-caught-email";
import { CaughtEmailView } from "@/components/mail/caught-email-view";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";

export const dynamic = "force-dynamic";

/** Admin: one caught message, its HTML (sandboxed) and its text. */
export default async function AdminMailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const email = await notFoundOnMissing(getCaughtEmail(admin, id));
  return (
    <div className="space-y-4">
      <Link href="/admin/mail" className="text-sm text-indigo-700 hover:underline">
        ← Mail
      </Link>
      <h1 className="text-2xl font-semibold" data-testid="mail-subject">
        {email.subject || "(no subject)"}
      </h1>
      <CaughtEmailView email={email} />
    </div>
  );
}
