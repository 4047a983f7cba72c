import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Aggregation, Role } from "@/lib/db/generated/enums";
import { hashPassword } from "@/lib/auth/password";
import { generateApiKey } from "@/lib/api-keys/key-format";

/** Factories shared by the demo seed, the integration tests and the e2e fixtures. Upserts, so re-running is safe. */
export async function upsertCustomer(opts: { externalId?: string; name?: string; currency?: string } = {}) {
  const externalId = opts.externalId ?? `cust-${randomUUID().slice(0, 8)}`;
  return prisma.customer.upsert({
    where: { externalId },
    update: {},
    create: { externalId, name: opts.name ?? `Customer ${externalId}`, currency: opts.currency ?? "USD" },
  });
}

export async function upsertUser(opts: {
  email?: string;
  password?: string;
  role?: Role;
  customerId?: string | null;
  name?: string;
}) {
  const email = (opts.email ?? `user-${randomUUID().slice(0, 8)}@example.test`).toLowerCase();
  const role = opts.role ?? "MEMBER";
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return existing;
  return prisma.user.create({
    data: {
      email,
      name: opts.name ?? null,
      role,
      customerId: opts.customerId ?? null,
      passwordHash: await hashPassword(opts.password ?? "password-123"),
    },
  });
}

export async function upsertMeter(opts: {
  key?: string;
  name?: string;
  eventType?: string;
  aggregation?: Aggregation;
  valueProperty?: string | null;
  groupBy?: string[];
  filters?: Record<string, unknown>;
  unit?: string;
  allowNegative?: boolean;
}) {
  const key = opts.key ?? `meter_${randomUUID().slice(0, 8)}`;
  return prisma.meter.upsert({
    where: { key },
    update: {},
    create: {
      key,
      name: opts.name ?? key,
      eventType: opts.eventType ?? key,
      aggregation: opts.aggregation ?? "SUM",
      valueProperty: opts.valueProperty === undefined ? "value" : opts.valueProperty,
      groupBy: opts.groupBy ?? [],
      filters: (opts.filters ?? {}) as object,
      unit: opts.unit ?? "units",
      allowNegative: opts.allowNegative ?? false,
    },
  });
}

/** A fresh API key (optionally limited to one customer); returns the secret for the caller to use. */
export async function createTestApiKey(opts: { name?: string; customerId?: string | null } = {}) {
  const { secret, prefix, hash } = generateApiKey();
  const key = await prisma.apiKey.create({
    data: { name: opts.name ?? "test key", prefix, hash, customerId: opts.customerId ?? null },
  });
  return { ...key, secret };
}
