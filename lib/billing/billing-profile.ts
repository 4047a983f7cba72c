import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";

export type BillingProfile = {
  legalName: string;
  email: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  postalCode: string;
  region: string;
  country: string;
  netTermsDays: number;
  dunningEnabled: boolean;
  /** Where a credit note's amount goes when it lowers a paid invoice: the credit balance or the card. */
  creditNoteSettlement: "BALANCE" | "REFUND";
};

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** What a member may change: who invoices are addressed to. */
const detailsSchema = z.object({
  legalName: text(200),
  email: z.union([z.literal(""), z.string().trim().email("must be an email address")]),
  addressLine1: text(200),
  addressLine2: text(200),
  city: text(100),
  postalCode: text(20),
  region: text(100),
  country: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "must be a two-letter country code (ISO 3166-1), e.g. US"),
  ]),
});

/** What only an admin may change: how invoices are collected. */
const collectionSchema = z.object({
  netTermsDays: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(0, "must be 0 or more")
    .max(120, "must be at most 120"),
  dunningEnabled: z.boolean(),
  creditNoteSettlement: z.enum(["BALANCE", "REFUND"], { error: "must be BALANCE or REFUND" }),
});

const DEFAULTS: BillingProfile = {
  legalName: "",
  email: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  postalCode: "",
  region: "",
  country: "",
  netTermsDays: 0,
  dunningEnabled: true,
  creditNoteSettlement: "BALANCE",
};

export async function getBillingProfile(actor: Actor, customerId: string): Promise<BillingProfile> {
  assertCanActForCustomer(actor, customerId);
  const row = await prisma.customerBillingProfile.findUnique({ where: { customerId } });
  if (!row) return { ...DEFAULTS };
  const { customerId: _c, updatedAt: _u, ...profile } = row;
  return profile;
}

/**
 * Updates the billing details (members of the customer and admins) and, for admins only, the collection
 * terms. Fields not given keep their value. A member sending collection terms gets 403.
 */
export async function updateBillingProfile(
  actor: Actor,
  customerId: string,
  input: unknown,
): Promise<BillingProfile> {
  assertCanActForCustomer(actor, customerId);
  const isAdmin = actor.kind === "user" && actor.role === "ADMIN";
  const schema = isAdmin
    ? detailsSchema.extend(collectionSchema.shape).partial()
    : detailsSchema.partial().strict();
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const collection = parsed.error.issues.some(
      (i) => i.code === "unrecognized_keys" && i.keys.some((k) => k in collectionSchema.shape),
    );
    if (collection)
      throw new AppError("FORBIDDEN", "Only admins can change net terms, dunning and credit note settlement");
    throw new AppError("UNPROCESSABLE", "Invalid billing details", { problems: zodProblems(parsed.error) });
  }
  const exists = await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND", "No such customer");
  const row = await prisma.customerBillingProfile.upsert({
    where: { customerId },
    create: { customerId, ...parsed.data },
    update: parsed.data,
  });
  await recordAudit(actor, "billing_profile.updated", customerId, { fields: Object.keys(parsed.data) });
  const { customerId: _c, updatedAt: _u, ...profile } = row;
  return profile;
}
