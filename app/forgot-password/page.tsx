import Link from "next/link";
import { ForgotPasswordForm } from "@/components/members/forgot-password-form";
import { forgotPasswordAction } from "./actions";

export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Forgot your password?</h1>
        <p className="mt-1 text-sm text-slate-500">Enter the email you sign in with and we will email you a link to choose a new one.</p>
        <ForgotPasswordForm action={forgotPasswordAction} />
        <Link href="/signin" className="mt-6 block text-sm text-indigo-700 hover:underline">
          ← Back to sign in
        </Link>
      </div>
    </main>
  );
}
