import type { MeterContribution } from "./meter-contribution";

/** An event that passed validation, with what it adds to each active meter of its type. */
export type PreparedEvent = {
  index: number;
  id: string;
  customerId: string;
  externalCustomerId: string;
  type: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  contributions: MeterContribution[];
};
