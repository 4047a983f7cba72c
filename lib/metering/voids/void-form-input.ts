/**
 * The admin "Void events" form as a void request: `mode` one (customer, eventId) or matching (customer,
 * eventType, from, to in UTC from datetime-local inputs, optional property = value), with a reason.
 */
export function voidInputFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const base = { customer: text("customer"), reason: text("reason") };
  if (text("mode") === "one") return { ...base, eventId: text("eventId") };
  const property = text("propertyName") ? { property: { name: text("propertyName"), value: text("propertyValue") } } : {};
  return { ...base, eventType: text("eventType"), from: utc(text("from")), to: utc(text("to")), ...property };
}

/** "2026-03-01T10:00" (a datetime-local value, read as UTC) -> "2026-03-01T10:00:00Z"; anything else is passed on to be refused. */
function utc(local: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return `${local}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(local)) return `${local}Z`;
  return local;
}
