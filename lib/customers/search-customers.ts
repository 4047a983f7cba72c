import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { pool } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";
import { CUSTOMER_COUNT, customerPageQuery, type CustomerPageRow } from "./customer-list-query";
import { containsPattern, customerListParams, orderByFor, PAGE_SIZE, type CustomerListParams } from "./customer-list-params";

export type CustomerListItem = {
  id: string;
  externalId: string;
  name: string;
  currency: string;
  createdAt: Date;
  billingEmail: string | null;
  balanceMinor: bigint;
  plan: { name: string; version: number; onTrial: boolean } | null;
  spendMinor: bigint;
  status: "active" | "suspended" | "uncollectible";
  members: number;
};

export type CustomerList = { params: CustomerListParams; total: number; pages: number; items: CustomerListItem[] };

/**
 * The admin's customer list: search (name, externalId, billing email, members' emails), sort, pages of
 * 50, each row with its credit balance, plan in force, this period's rated spend and status. Two
 * statements whatever the number of customers (customer-list-query.ts).
 */
export async function searchCustomers(actor: Actor, query: Record<string, unknown> = {}, now = new Date()): Promise<CustomerList> {
  assertAdmin(actor);
  const params = customerListParams.parse(query);
  const pattern = containsPattern(params.q);
  const sql = pgSql(pool());
  const [[{ n: total }], rows] = await Promise.all([
    sql.query<{ n: number }>(CUSTOMER_COUNT, [pattern]),
    sql.query<CustomerPageRow>(customerPageQuery(orderByFor(params), params.sort === "spend"), [pattern, now.toISOString(), PAGE_SIZE, (params.page - 1) * PAGE_SIZE]),
  ]);
  return { params, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), items: rows.map(toItem) };
}

function toItem(r: CustomerPageRow): CustomerListItem {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    currency: r.currency,
    createdAt: r.created_at,
    billingEmail: r.billing_email || null,
    balanceMinor: BigInt(r.balance_minor),
    plan: r.plan_name ? { name: r.plan_name, version: r.version_number ?? 1, onTrial: r.on_trial === true } : null,
    spendMinor: BigInt(r.spend_minor),
    status: r.uncollectible ? "uncollectible" : r.suspended_at ? "suspended" : "active",
    members: r.members,
  };
}
