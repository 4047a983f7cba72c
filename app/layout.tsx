import type { Metadata } from "next";
import "./globals.css";
import { Providers } from "@/components/providers";

// Every page renders per request: the Content-Security-Policy's nonce (proxy.ts) is new on each one, and
// Next.js can put it on its scripts only while rendering. A prerendered page would carry none and not run.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Meterly",
  description: "Usage-based and credit billing for AI companies",
  // public/icon.svg: the gauge mark, as the tab's icon.
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }] },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
