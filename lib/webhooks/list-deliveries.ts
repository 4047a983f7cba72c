import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { webhookEventId } from "./build-event";

export type DeliveryLogEntry = {
  id: string;
  eventId: string;
  eventType: string;
  customerId: string;
  sequence: number;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  nextAttemptAt: string | null;
  createdAt: string;
  attempts: { attempt: number; statusCode: number | null; latencyMs: number; responseBody: string; error: string | null; at: string }[];
};

/** An endpoint's delivery log, newest first: each delivery with every attempt (status, latency, first 2 KB). */
export async function listDeliveries(actor: Actor, endpointId: string, opts: { limit?: number } = {}): Promise<DeliveryLogEntry[]> {
  assertAdmin(actor);
  const rows = await prisma.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 50,
    include: { attemptLog: { orderBy: { id: "desc" } } },
  });
  return rows.map((d) => ({
    id: d.id.toString(),
    eventId: webhookEventId(d.customerId, d.notificationId),
    eventType: d.eventType,
    customerId: d.customerId,
    sequence: Number(d.sequence),
    status: d.status,
    nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    attempts: d.attemptLog.map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, latencyMs: a.latencyMs, responseBody: a.responseBody, error: a.error, at: a.createdAt.toISOString() })),
  }));
}
