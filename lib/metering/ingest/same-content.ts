/** What a duplicate is compared on: the stored event's type, timestamp and properties. */
export type EventContent = { type: string; timestamp: Date; properties: Record<string, unknown> };

/**
 * True when a re-sent event (same customer and id) does not carry the stored event's content. The
 * timestamp is compared only when the re-sent event names one: without it the server stamps "now",
 * which a retry can never reproduce. Properties compare as JSON values (key order does not matter).
 */
export function contentDiffers(incoming: EventContent, incomingHasTimestamp: boolean, stored: EventContent): boolean {
  if (incoming.type !== stored.type) return true;
  if (incomingHasTimestamp && incoming.timestamp.getTime() !== stored.timestamp.getTime()) return true;
  return !jsonEqual(incoming.properties, stored.properties);
}

/** Deep equality of JSON values: objects by key set, arrays in order, numbers and strings by value. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  return true;
}
