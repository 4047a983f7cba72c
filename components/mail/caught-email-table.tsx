import Link from "next/link";
import type { CaughtEmailSummary } from "@/lib/notify/email/catcher/list-caught-emails";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";

const when = (iso: string) => formatTimestamp(iso, { seconds: true });
const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** The caught messages, newest first: when, from, to, subject (linking to the message) and size. */
export function CaughtEmailTable({ emails }: { emails: CaughtEmailSummary[] }) {
  return (
    <DataTable
      columns={["Received", "From", "To", "Subject", { label: "Size", align: "right" }]}
      testId="mail-table"
    >
      {emails.map((m) => (
        <tr key={m.id} className="border-t border-slate-100" data-testid={`mail-${m.id}`}>
          <td className="whitespace-nowrap px-4 py-2 text-slate-500 tabular-nums">{when(m.receivedAt)}</td>
          <td className="px-4 py-2">{m.sender}</td>
          <td className="px-4 py-2">{m.recipients.join(", ")}</td>
          <td className="px-4 py-2">
            <Link href={`/admin/mail/${m.id}`} className="text-indigo-700 hover:underline">
              {m.subject || "(no subject)"}
            </Link>
          </td>
          <td className="px-4 py-2 text-right text-slate-500 tabular-nums">{size(m.sizeBytes)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
