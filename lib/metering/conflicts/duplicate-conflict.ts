/** An event's content as compared between a re-sent copy and the stored one (see ingest/same-content.ts). */
export type ConflictContent = { type: string; timestamp: Date; properties: Record<string, unknown> };

/**
 * A re-sent event (same customer and id as a stored one) whose content differs from the stored event's:
 * answered 202 `duplicate` with `conflict: true`, not stored again, and counted per customer and day.
 */
export type DuplicateConflict = { customerId: string; id: string; sent: ConflictContent; stored: ConflictContent };
