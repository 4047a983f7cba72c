import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { assertCanApply, canApply, type InvoiceAction, type InvoiceStatus } from "./invoice-transitions";

const STATUSES: InvoiceStatus[] = ["DRAFT", "OPEN", "PAID", "VOID", "UNCOLLECTIBLE"];
const ALLOWED: Record<InvoiceAction, InvoiceStatus[]> = {
  finalize: ["DRAFT"],
  pay: ["OPEN", "UNCOLLECTIBLE"],
  void: ["OPEN", "UNCOLLECTIBLE"],
  mark_uncollectible: ["OPEN"],
};

describe("invoice transitions", () => {
  for (const [action, from] of Object.entries(ALLOWED) as [InvoiceAction, InvoiceStatus[]][]) {
    for (const status of STATUSES) {
      const ok = from.includes(status);
      it(`${action} from ${status}: ${ok ? "allowed" : "409"}`, () => {
        expect(canApply(action, status)).toBe(ok);
        if (ok) expect(() => assertCanApply(action, status)).not.toThrow();
        else {
          const e = (() => {
            try {
              assertCanApply(action, status);
            } catch (err) {
              return err;
            }
          })();
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).status).toBe(409);
          expect((e as AppError).message).toContain(`is ${status.toLowerCase()}`);
        }
      });
    }
  }
  it("paid and void are final", () => {
    for (const action of Object.keys(ALLOWED) as InvoiceAction[]) {
      expect(canApply(action, "PAID")).toBe(false);
      expect(canApply(action, "VOID")).toBe(false);
    }
  });
});
