import fc from "fast-check";

export const PART_FAMILIES = ["bad path params", "bad query strings", "bad headers"] as const;
export type PartFamily = (typeof PART_FAMILIES)[number];

/** Path params that no route should take for an id: not a uuid, very long, encoded slashes, dots, NUL. */
const BAD_PARAMS = [
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  "x".repeat(10_000),
  "a".repeat(256),
  "a%2Fb",
  "..%2F..%2Fetc%2Fpasswd",
  "../..",
  "a/b",
  "",
  " ",
  "\u0000",
  "%00",
  "\ud800",
  "😀",
  "1e400",
  "-1",
  "NaN",
  "' OR 1=1 --",
  "MTR-2026-000001",
  "MTR-9999-999999999999",
  "revenue.csv.csv",
];

const QUERY_KEYS = ["limit", "page", "from", "to", "status", "meter", "customer", "granularity", "groupBy", "currency", "archived", "cursor", "type", "q"];
const QUERY_VALUES = [
  "",
  "-1",
  "-0",
  "0",
  "1e400",
  "99999999999999999999",
  "9007199254740993",
  "NaN",
  "Infinity",
  "2026-13-45",
  "2026-02-30T25:61:00Z",
  "yesterday",
  "0001-01-01",
  "9999-12-31T23:59:59Z",
  "275760-09-13T00:00:00Z",
  "2026-01-01",
  "2026-01-01T00:00:00",
  "hour",
  "decade",
  "draft",
  "DRAFT",
  "usd",
  "XXX",
  "true",
  "x".repeat(5000),
  "\u0000",
  "\ud800",
  "a,b,c",
];

/** A query string: repeated keys, huge and negative numbers, impossible dates, raw escapes (%00, %ZZ, %FF). */
export const badQuery: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.constantFrom(...QUERY_VALUES)), { minLength: 1, maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v.toWellFormed())}`).join("&")),
  fc.constantFrom("limit=%ZZ", "meter=%FF%FE", "from=%00", "%", "&&&", "=x", "meter&meter&meter", "a[b]=1&a[c]=2", "meter=" + "%41".repeat(3000)),
);

/** A value for one path param: a bad one, or (to reach deeper) the world's good one. */
export function paramValue(good: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...BAD_PARAMS) }, { weight: 1, arbitrary: fc.constant(good) });
}

/** Authorization and other headers a client might send wrong. */
export function badHeaders(goodAuthorization: string | null): fc.Arbitrary<Record<string, string>> {
  const auth = fc.constantFrom<string | null>(
    null,
    "",
    "Bearer",
    "Bearer ",
    "bearer mtr_nothing",
    "Basic dXNlcjpwYXNz",
    `Bearer ${"k".repeat(8000)}`,
    "Bearer a b",
    "Bearer \u00e9",
    goodAuthorization ? `${goodAuthorization}x` : "Bearer x",
    goodAuthorization ? goodAuthorization.toLowerCase() : "Bearer y",
    goodAuthorization,
  );
  const extra = fc.dictionary(
    fc.constantFrom("accept", "idempotency-key", "x-forwarded-for", "content-encoding", "x-meterly-customer", "cookie"),
    fc.constantFrom("", "gzip", "*/*", "x".repeat(4000), "1.2.3.4, 5.6.7.8", "text/html", "a=b; c"),
    { maxKeys: 3 },
  );
  return fc.tuple(auth, extra).map(([a, e]) => ({ ...e, ...(a === null ? {} : { authorization: a }) }));
}
