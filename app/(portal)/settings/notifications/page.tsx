import Link from "next/link";
import { requireMember } from "@/lib/auth/current-user";
import { getEmailPreferences } from "@/lib/notify/email/preferences/get-email-preferences";
import { EmailPreferencesForm } from "@/components/notifications/email-preferences-form";
import { saveEmailPreferencesAction } from "./actions";

export const dynamic = "force-dynamic";

/** The member's email settings: which notices they are emailed about (all, until they turn some off). */
export default async function EmailSettingsPage() {
  const user = await requireMember();
  const preferences = await getEmailPreferences(user, user.customerId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Email settings</h1>
        <p className="text-sm text-slate-500">
          Choose which emails {user.email} gets about this account. These settings are yours alone; the
          billing email in{" "}
          <Link href="/settings/billing" className="text-indigo-700 hover:underline">
            Billing details
          </Link>{" "}
          gets every notice.
        </p>
      </div>
      <EmailPreferencesForm preferences={preferences} action={saveEmailPreferencesAction} />
    </div>
  );
}
