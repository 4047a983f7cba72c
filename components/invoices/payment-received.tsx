"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const EVERY_MS = 2000;
const FOR_MS = 30_000;

/**
 * Back from Stripe's payment page: the payment is confirmed by Stripe's webhook, so the page is refreshed
 * every 2 s (for up to 30 s) until the invoice is paid.
 */
export function PaymentReceived({ paid }: { paid: boolean }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (paid) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > FOR_MS) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [paid, router]);
  return (
    <p
      role="status"
      data-testid="payment-received"
      className="rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-800"
    >
      {paid
        ? "Payment received: the invoice is paid. Thank you."
        : gaveUp
          ? "Payment received: Stripe has not confirmed it yet. Reload this page in a minute to see the invoice paid."
          : "Payment received: the invoice is marked paid when Stripe confirms it… (this page updates by itself)"}
    </p>
  );
}
