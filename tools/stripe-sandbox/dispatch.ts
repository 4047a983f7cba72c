import type { Route } from "./api";
import type { Sandbox } from "./context";
import { idempotencyError, invalidRequest, isSandboxError, type SandboxError, type StripeErrorBody } from "./errors";
import { parseForm, type FormValue } from "./form";
import { randomToken } from "./ids";
import { checkoutRoutes } from "./routes-checkout";
import { customerRoutes } from "./routes-customers";
import { paymentMethodRoutes } from "./routes-payment-methods";
import { paymentRoutes } from "./routes-payments";
import { refundRoutes } from "./routes-refunds";

const ROUTES: Route[] = [...customerRoutes, ...paymentMethodRoutes, ...paymentRoutes, ...refundRoutes, ...checkoutRoutes];

export interface ApiCall {
  method: string;
  path: string;
  query: string;
  body: string;
  authorization?: string;
  idempotencyKey?: string;
  stripeVersion?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
  "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** `Bearer sk_test_...` or HTTP Basic with the key as user name (`curl -u sk_test_...:`). */
function apiKeyOf(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value || null;
  if (/^basic$/i.test(scheme)) return Buffer.from(value, "base64").toString("utf8").split(":")[0] || null;
  return null;
}

function authError(key: string | null): SandboxError | null {
  if (!key) return invalidRequest(NO_KEY, undefined, undefined, 401);
  if (/^(sk|rk)_test_\w+$/.test(key)) return null;
  const redacted = key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : key;
  return invalidRequest(`Invalid API Key provided: ${redacted}`, undefined, undefined, 401);
}

/** Key-sorted JSON, so the same parameters compare equal whatever their order. */
function canonical(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
}

function errorResponse(error: SandboxError): { status: number; body: { error: StripeErrorBody } } {
  return { status: error.status, body: { error: error.body } };
}

/** Runs one `/v1/...` call: auth, routing, idempotency replay, handler, Stripe-shaped errors. */
export function dispatchApi(sb: Sandbox, call: ApiCall, log: (line: string) => void): ApiResponse {
  const requestId = `req_${randomToken(14)}`;
  const headers: Record<string, string> = { "request-id": requestId, "stripe-version": call.stripeVersion ?? sb.apiVersion };
  if (call.idempotencyKey) headers["idempotency-key"] = call.idempotencyKey;
  const key = apiKeyOf(call.authorization);
  const denied = authError(key);
  if (denied) return { ...errorResponse(denied), headers };

  const params = parseForm(call.method === "POST" ? call.body : call.query);
  const scopedKey = call.method === "POST" && call.idempotencyKey ? `${key}:${call.idempotencyKey}` : null;
  const signature = canonical(params);
  const previous = scopedKey ? sb.store.idempotencyRecord(scopedKey) : undefined;
  if (previous && call.idempotencyKey) {
    if (previous.path !== call.path || previous.method !== call.method) {
      const e = idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${previous.path}' vs '${call.path}'). Try using a key other than '${call.idempotencyKey}' if you meant to execute a different request.`,
      );
      return { ...errorResponse(e), headers };
    }
    if (previous.params !== signature) {
      const e = idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${call.idempotencyKey}' if you meant to execute a different request.`,
      );
      return { ...errorResponse(e), headers };
    }
    const replayHeaders = { ...headers, "idempotent-replayed": "true", "original-request": previous.requestId };
    return { status: previous.status, body: JSON.parse(previous.body) as unknown, headers: replayHeaders };
  }

  const matching = ROUTES.filter((r) => r.pattern.test(call.path));
  const route = matching.find((r) => r.method === call.method);
  let result: { status: number; body: unknown };
  if (!route) {
    const message = `Unrecognized request URL (${call.method}: ${call.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
    result = errorResponse(invalidRequest(message, undefined, undefined, 404));
  } else {
    const match = (route.pattern.exec(call.path) ?? []).slice(1);
    try {
      result = { status: 200, body: route.handler(sb, { params, match, meta: { id: requestId, idempotencyKey: call.idempotencyKey ?? null } }) };
    } catch (error) {
      if (!isSandboxError(error)) {
        log(`internal error on ${call.method} ${call.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        result = { status: 500, body: { error: { type: "api_error", message: "An unknown error occurred in the Stripe sandbox." } } };
      } else {
        result = errorResponse(error);
      }
    }
  }
  // Stripe saves the result once an endpoint has started executing (successes and card errors alike).
  if (scopedKey && (result.status === 200 || result.status === 402)) {
    sb.store.rememberIdempotent(scopedKey, { method: call.method, path: call.path, params: signature, status: result.status, body: JSON.stringify(result.body), requestId });
  }
  log(`${call.method} ${call.path} -> ${result.status}`);
  return { ...result, headers };
}
