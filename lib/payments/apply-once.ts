import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type EventOutcome = "applied" | "duplicate" | "ignored" | (string & {});

/**
 * Applies a Stripe event's effect exactly once: its id goes into stripe_events in the same transaction as
 * the effect. A replay or a concurrent duplicate finds the id (the second insert waits for the first
 * transaction, then does nothing) and changes nothing; a failed effect rolls the id back with it, so
 * Stripe's retry applies it again.
 */
export async function applyOnce(event: Stripe.Event, objectId: string | null, effect: (tx: Prisma.TransactionClient) => Promise<EventOutcome>): Promise<EventOutcome> {
  return prisma.$transaction(
    async (tx) => {
      const claimed = await tx.$executeRaw`INSERT INTO stripe_events (id, type, object_id) VALUES (${event.id}, ${event.type}, ${objectId}) ON CONFLICT (id) DO NOTHING`;
      if (claimed === 0) return "duplicate";
      return effect(tx);
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
