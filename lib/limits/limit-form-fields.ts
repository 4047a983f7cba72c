import { z } from "zod";
import { formText } from "@/lib/forms/form-fields";

/**
 * A limit form's fields as posted: thresholds typed as "50, 80, 100". Turned into setLimit's input: the
 * thresholds become numbers (anything else is passed on as is, so setLimit's 422 names `thresholds`).
 */
export const limitFormFields = z
  .object({ customerId: formText, scope: formText, amount: formText, mode: formText, thresholds: formText })
  .transform(({ customerId, thresholds, ...rest }) => ({
    customerId,
    input: {
      ...rest,
      thresholds: thresholds
        .split(/[\s,%]+/)
        .filter(Boolean)
        .map((t) => (/^\d+$/.test(t) ? Number(t) : t)),
    },
  }));
