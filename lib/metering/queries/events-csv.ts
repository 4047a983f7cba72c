import type { ExploredEvent } from "./explore-events";

export const EVENTS_CSV_HEADER = ["customer", "id", "type", "timestamp", "received_at", "voided_at", "void_reason", "quantities", "properties"];

/**
 * One CSV cell (RFC 4180). A text that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) gets a leading ' so it is shown, not run (OWASP's CSV injection advice); then it is
 * quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string | null): string {
  if (value === null || value === "") return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: (string | null)[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** An explored event as a CSV line: times in ISO 8601 UTC, properties as JSON. */
export function eventCsvLine(e: ExploredEvent, quantities: string): string {
  return csvLine([e.externalId, e.id, e.type, e.timestamp.toISOString(), e.receivedAt.toISOString(), e.voidedAt?.toISOString() ?? null, e.voidReason, quantities, JSON.stringify(e.properties)]);
}
