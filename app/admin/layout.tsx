import { requireAdmin } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/ui/app-header";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <>
      <AppHeader
        title="Admin"
        who={user.email}
        nav={[
          { href: "/admin", label: "Customers" },
          { href: "/admin/meters", label: "Meters" },
          { href: "/admin/plans", label: "Plans" },
          { href: "/admin/credit-packs", label: "Credit packs" },
          { href: "/admin/invoices", label: "Invoices" },
          { href: "/admin/analytics", label: "Analytics" },
          { href: "/admin/events", label: "Events" },
          { href: "/admin/void-events", label: "Void events" },
          { href: "/admin/api-keys", label: "API keys" },
          { href: "/admin/webhooks", label: "Webhooks" },
          { href: "/admin/mail", label: "Mail" },
          { href: "/admin/audit", label: "Audit log" },
        ]}
      />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
