import { requireAdmin } from "@/lib/auth/current-user";
import { listCaughtEmails } from "@/lib/notify/email/catcher/list-caught-emails";
import { CaughtEmailTable } from "@/components/mail/caught-email-table";
import { clearMailAction } from "./actions";

export const dynamic = "force-dynamic";

/** Admin: the email the app sent, as the local mail catcher received it (npm start without SMTP_URL), newest first. */
export default async function AdminMailPage() {
  const admin = await requireAdmin();
  const emails = await listCaughtEmails(admin);
  return (
    <div className="space-y-4">
      <div>
        <div className="flex items-center justify-between">
          <h1 className="text-2xl font-semibold">Mail</h1>
          {emails.length > 0 && (
            <form action={clearMailAction}>
              <button className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                Delete all
              </button>
            </form>
          )}
        </div>
        <p className="text-sm text-slate-500">
          Email the app sent while no SMTP server is set (SMTP_URL): a local catcher keeps it here instead of
          delivering it. The latest {emails.length === 200 ? "200 messages are" : "messages are"} shown,
          newest first.
        </p>
      </div>
      {emails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No email yet. Customers&apos; members and billing emails are sent a notice within seconds of a
          failed payment, an issued invoice or a spending alert; they show up here. With SMTP_URL set, email
          goes to that server instead.
        </p>
      ) : (
        <CaughtEmailTable emails={emails} />
      )}
    </div>
  );
}
