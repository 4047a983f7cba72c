import { z } from "zod";

export const MAX_VOID_EVENTS = 100_000;

const reason = z
  .string({ error: "reason is required: say why these events are voided" })
  .trim()
  .min(3, "reason is required: say why these events are voided (at least 3 characters)")
  .max(500, "reason must be at most 500 characters");
const customer = z.string({ error: "customer is required (the customer's externalId)" }).trim().min(1, "customer is required (the customer's externalId)").max(255);
const instant = (name: string) => z.iso.datetime({ offset: true, message: `${name} must be an ISO 8601 date-time with a UTC offset, e.g. 2026-01-31T12:00:00Z` });

/** Void one event: the customer and the event's id (its idempotency key). */
export const voidOneSchema = z.object({
  customer,
  eventId: z.string({ error: "eventId is required" }).min(1, "eventId is required").max(128),
  reason,
});

/** Void every event of a type in [from, to), optionally only those whose property equals a value. */
export const voidMatchingSchema = z
  .object({
    customer,
    eventType: z.string({ error: "eventType is required" }).trim().min(1, "eventType is required").max(255),
    from: instant("from"),
    to: instant("to"),
    property: z
      .object({
        name: z.string({ error: "property.name is required" }).trim().min(1, "property.name is required").max(64),
        value: z.union([z.string().max(200), z.number().finite(), z.boolean()], { error: "property.value must be a string, number or boolean" }),
      })
      .optional(),
    reason,
  })
  .refine((v) => new Date(v.to) > new Date(v.from), { path: ["to"], message: "to must be after from" });

export type VoidOne = z.infer<typeof voidOneSchema>;
export type VoidMatching = z.infer<typeof voidMatchingSchema>;
export type VoidRequest = ({ kind: "one" } & VoidOne) | ({ kind: "matching" } & VoidMatching);
