const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID's text form; ids from URLs are checked before they reach a ::uuid cast (a 404, not a 500). */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
