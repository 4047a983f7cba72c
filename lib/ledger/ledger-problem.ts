/** One inconsistency the ledger check found, named by customer and check. */
export type LedgerProblem = { customerId: string; externalId: string; check: string; message: string };
