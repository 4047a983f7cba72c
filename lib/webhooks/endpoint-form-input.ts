import { AppError } from "@/lib/errors/app-error";

/**
 * The add-endpoint form as endpointInput's shape: the checked event types, or none when "all" is ticked.
 * Ticking neither is refused on eventTypes (an endpoint with no types would get every event, which the form
 * says with "all").
 */
export function endpointInputFromForm(form: FormData): { url: string; description: string; eventTypes: string[] } {
  const all = form.get("all") === "on";
  const eventTypes = all ? [] : form.getAll("eventTypes").map(String);
  if (!all && eventTypes.length === 0) {
    const message = "Pick at least one event type, or All events";
    throw new AppError("UNPROCESSABLE", message, { problems: [{ field: "eventTypes", rule: "required", message }] });
  }
  return { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), eventTypes };
}
