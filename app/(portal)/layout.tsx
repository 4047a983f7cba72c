import { requireMember } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/ui/app-header";
import { prisma } from "@/lib/db/client";
import { findFailedPayment } from "@/lib/billing/find-failed-payment";
import { PaymentFailedBanner } from "@/components/invoices/payment-failed-banner";
import { payInvoiceAction } from "./invoices/actions";
import { countActiveAlerts } from "@/lib/limits/count-active-alerts";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireMember();
  const [customer, failed, alerts] = await Promise.all([
    prisma.customer.findUnique({ where: { id: user.customerId }, select: { name: true } }),
    findFailedPayment(user, user.customerId),
    countActiveAlerts(user, user.customerId),
  ]);
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
          {
            href: "/limits",
            label: alerts > 0 ? `Limits · ${alerts} alert${alerts === 1 ? "" : "s"}` : "Limits",
          },
          { href: "/invoices", label: "Invoices" },
          { href: "/settings/billing", label: "Billing details" },
          { href: "/settings/notifications", label: "Email settings" },
        ]}
      />
      {failed && <PaymentFailedBanner failed={failed} action={payInvoiceAction} />}
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
