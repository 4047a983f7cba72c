import Image from "next/image";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { SignInForm } from "@/components/auth/sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <Image src="/icon.svg" alt="" width={40} height={40} className="mb-4" loading="eager" />
        <h1 className="text-2xl font-semibold">Sign in to Meterly</h1>
        <p className="mt-1 text-sm text-slate-500">Usage, credits and invoices for your account.</p>
        <SignInForm />
        <Link href="/forgot-password" className="mt-4 block text-sm text-indigo-700 hover:underline">
          Forgot password?
        </Link>
      </div>
    </main>
  );
}
