/** A typed domain error; route wrappers map `code` to an HTTP status. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNPROCESSABLE"
  | "PAYMENT_REQUIRED"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export type FieldProblem = { field: string; rule: string; message: string };

const statusByCode: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly problems: FieldProblem[];
  readonly details: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, opts: { problems?: FieldProblem[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.problems = opts.problems ?? [];
    this.details = opts.details ?? {};
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toJSON() {
    return {
      error: { code: this.code, message: this.message, ...(this.problems.length ? { problems: this.problems } : {}), ...this.details },
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
