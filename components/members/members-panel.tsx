import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";
import type { FormAction, SubmitAction } from "@/lib/forms/form-state";
import type { MemberRow } from "@/lib/members/list-members";
import { InviteMemberForm, type InviteState } from "./invite-member-form";

/** The customer's members on its admin page: who can sign in, who is invited, a reset link for each; inviting more. */
export function MembersPanel({ customerId, members, actions }: { customerId: string; members: MemberRow[]; actions: { invite: FormAction<InviteState>; sendLink: SubmitAction } }) {
  return (
    <section className="space-y-3" data-testid="customer-members">
      <h2 className="text-lg font-semibold">Members</h2>
      <p className="text-sm text-slate-500">
        The customer&apos;s people who sign in to the portal. An invitation emails a link (valid 7 days) to set a password; a reset link is valid for 1 hour.
      </p>
      {members.length === 0 ? (
        <p className="text-sm text-slate-500">No members yet: invite the first one below.</p>
      ) : (
        <DataTable columns={["Email", "Name", "Status", ""]}>
          {members.map((m) => (
            <tr key={m.id} className="border-t border-slate-100">
              <td className="px-4 py-2">{m.email}</td>
              <td className="px-4 py-2">{m.name ?? "–"}</td>
              <td className="px-4 py-2 text-slate-600">
                {m.pending ? `Invited${m.inviteExpiresAt ? `, link valid until ${formatTimestamp(m.inviteExpiresAt)}` : ""}` : "Active"}
              </td>
              <td className="px-4 py-2 text-right">
                <form action={actions.sendLink}>
                  <input type="hidden" name="customerId" value={customerId} />
                  <input type="hidden" name="userId" value={m.id} />
                  <button className="text-sm text-indigo-700 hover:underline">{m.pending ? "Send the invitation again" : "Send a password reset link"}</button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <InviteMemberForm customerId={customerId} action={actions.invite} />
    </section>
  );
}
