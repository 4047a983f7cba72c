import { SetPasswordForm } from "@/components/members/set-password-form";
import { acceptInviteAction } from "./actions";

export default async function AcceptInvitePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Accept your invitation</h1>
        <p className="mt-1 text-sm text-slate-500">Choose the password you will sign in to Meterly with (at least 10 characters).</p>
        <SetPasswordForm token={String(token)} submitLabel="Set password and join" action={acceptInviteAction} />
      </div>
    </main>
  );
}
