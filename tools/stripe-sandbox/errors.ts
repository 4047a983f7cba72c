/** The body of a Stripe API error: `{ error: StripeErrorBody }`. */
export interface StripeErrorBody {
  type: "invalid_request_error" | "card_error" | "idempotency_error" | "api_error";
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
}

/** Thrown by handlers; the server turns it into a Stripe-shaped JSON error response. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    this.name = "SandboxError";
  }
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
}

export function invalidRequest(message: string, param?: string, code?: string, status = 400): SandboxError {
  const body: StripeErrorBody = { type: "invalid_request_error", message };
  if (code) {
    body.code = code;
    body.doc_url = docUrl(code);
  }
  if (param) body.param = param;
  return new SandboxError(status, body);
}

/** `No such customer: 'cus_123'` (404, resource_missing), as Stripe words it. */
export function noSuch(resource: string, id: string, param = "id"): SandboxError {
  return invalidRequest(`No such ${resource}: '${id}'`, param, "resource_missing", 404);
}

export function idempotencyError(message: string): SandboxError {
  return new SandboxError(400, { type: "idempotency_error", message });
}

export function isSandboxError(error: unknown): error is SandboxError {
  return error instanceof SandboxError;
}
