import type { FieldProblem } from "@/lib/errors/app-error";
import { dimensionKey, matchesFilters, needsIdentity, needsValue, type MeterDefinition } from "./meter-definition";
import { readIdentityValue } from "./identity-value";
import { readNumericValue } from "./numeric-value";

/** What one event adds to one meter: its dimension key, its value (SUM, MAX, LATEST) or identity (UNIQUE_COUNT). */
export type MeterContribution = { meter: MeterDefinition; dimensions: string; value: string | null; identity?: string };

export type ContributionResult = { ok: true; contribution: MeterContribution | null } | { ok: false; problem: FieldProblem };

/**
 * What an event with these properties contributes to a meter: null when the meter's filters leave it out,
 * a field problem when the meter's value or identity property is missing or malformed. Ingestion and the
 * recomputation after voids share it, so both count an event the same way.
 */
export function contributionFor(meter: MeterDefinition, properties: Record<string, unknown>): ContributionResult {
  if (!matchesFilters(meter, properties)) return { ok: true, contribution: null };
  const dimensions = dimensionKey(meter, properties);
  if (!meter.valueProperty) return { ok: true, contribution: { meter, dimensions, value: null } };
  const field = `properties.${meter.valueProperty}`;
  const raw = properties[meter.valueProperty];
  if (needsValue(meter)) {
    const read = readNumericValue(raw, field, meter.allowNegative ?? false);
    if (!read.ok) return { ok: false, problem: { field, rule: read.rule, message: read.message } };
    return { ok: true, contribution: { meter, dimensions, value: read.value } };
  }
  if (needsIdentity(meter)) {
    const read = readIdentityValue(raw, field);
    if (!read.ok) return { ok: false, problem: { field, rule: read.rule, message: read.message } };
    return { ok: true, contribution: { meter, dimensions, value: null, identity: read.value } };
  }
  return { ok: true, contribution: { meter, dimensions, value: null } };
}
