import Image from "next/image";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { isTestPayments } from "@/lib/payments/payments-mode";

export type NavItem = { href: string; label: string };

export function AppHeader({ title, nav, who }: { title: string; nav: NavItem[]; who: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
        <Link href="/" className="flex items-center gap-2">
          {/* public/logo.svg: the gauge mark and the name; SVG is served as it is, not optimized. */}
          <Image src="/logo.svg" alt="Meterly" width={96} height={24} loading="eager" />
          <span className="text-slate-400">· {title}</span>
        </Link>
        <nav className="flex gap-1">
          {nav.map((n) => (
            <Link key={n.href} href={n.href} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-500">
          {isTestPayments() && (
            <span data-testid="test-payments" title="Payments go to Stripe's test mode or the local sandbox: no real money moves" className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">
              test payments
            </span>
          )}
          <span data-testid="signed-in-as">{who}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
