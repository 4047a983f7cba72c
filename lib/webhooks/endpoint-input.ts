import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

/** What an admin sends to add an endpoint. An empty eventTypes list subscribes it to every type. */
export const endpointInput = z.object({
  url: z
    .string({ message: "url is required" })
    .trim()
    .min(1, "url is required")
    .max(2000, "url must be at most 2000 characters")
    .pipe(z.url({ protocol: /^https?$/, message: "url must be an http:// or https:// URL" })),
  description: z.string().trim().max(500, "description must be at most 500 characters").default(""),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `each event type must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
    .refine((types) => new Set(types).size === types.length, "eventTypes must not repeat a type")
    .default([]),
  enabled: z.boolean().default(true),
});

export type EndpointInput = z.infer<typeof endpointInput>;
