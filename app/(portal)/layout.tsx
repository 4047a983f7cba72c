import { requireMember } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/ui/app-header";
import { prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireMember();
  const customer = await prisma.customer.findUnique({
    where: { id: user.customerId },
    select: { name: true },
  });
  return (
    <>
      <AppHeader
        title={customer?.name ?? "Portal"}
        who={user.email}
        nav={[
          { href: "/dashboard", label: "Dashboard" },
          { href: "/usage", label: "Usage" },
          { href: "/plan", label: "Plan" },
          { href: "/credits", label: "Credits" },
          { href: "/invoices", label: "Invoices" },
          { href: "/settings/billing", label: "Billing details" },
        ]}
      />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
