import { SetPasswordForm } from "@/components/members/set-password-form";
import { resetPasswordAction } from "./actions";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Choose a new password</h1>
        <p className="mt-1 text-sm text-slate-500">At least 10 characters. The link works once.</p>
        <SetPasswordForm token={String(token)} submitLabel="Save the new password" action={resetPasswordAction} />
      </div>
    </main>
  );
}
