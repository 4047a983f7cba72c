/** An event's identity in a group: its customer and its idempotency key (unique per customer). */
export const eventKey = (customerId: string, id: string): string => `${customerId}|${id}`;
