import type { WebhookEndpoint } from "@/lib/db/generated/client";

/** An endpoint as pages and the API show it: never its secret. */
export type EndpointDto = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  rotatingUntil: string | null;
  createdAt: string;
};

export function endpointDto(e: WebhookEndpoint, now = new Date()): EndpointDto {
  const rotating = e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt.toISOString() : null;
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    rotatingUntil: rotating,
    createdAt: e.createdAt.toISOString(),
  };
}
