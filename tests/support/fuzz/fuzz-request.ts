import fc from "fast-check";
import { callRaw, type RawAnswer } from "../raw-request";
import { routeUrl, type HttpMethod, type RouteFile } from "../route-files";
import { bodyCases, type BodyFamily } from "./body-cases";
import { badHeaders, badQuery, paramValue, type PartFamily } from "./request-parts";

export type FuzzRequest = {
  family: BodyFamily | PartFamily;
  note: string;
  params: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body: string | Uint8Array | FormData | undefined;
};

export type RouteTarget = {
  route: RouteFile;
  method: HttpMethod;
  /** Good values for the path params, the Authorization header (null for session routes) and valid bodies. */
  goodParams: Record<string, string>;
  authorization: string | null;
  bodies: object[];
};

const takesBody = (m: HttpMethod) => m === "POST" || m === "PUT" || m === "PATCH";

/** Bad requests to one route and method: bad bodies (if it takes one), path params, query strings and headers. */
export function fuzzRequests(t: RouteTarget): fc.Arbitrary<FuzzRequest> {
  const auth: Record<string, string> = t.authorization ? { authorization: t.authorization } : {};
  const goodBody = takesBody(t.method) ? JSON.stringify(t.bodies[0] ?? {}) : undefined;
  const jsonType: Record<string, string> = goodBody ? { "content-type": "application/json" } : {};
  const arbs: { weight: number; arbitrary: fc.Arbitrary<FuzzRequest> }[] = [
    {
      weight: 2,
      arbitrary: badQuery.map((query) => ({ family: "bad query strings" as const, note: query.slice(0, 120), params: t.goodParams, query, headers: { ...auth, ...jsonType }, body: goodBody })),
    },
    {
      weight: 1,
      arbitrary: badHeaders(t.authorization).map((headers) => ({ family: "bad headers" as const, note: JSON.stringify(headers).slice(0, 120), params: t.goodParams, query: "", headers: { ...jsonType, ...headers }, body: goodBody })),
    },
  ];
  if (t.route.params.length) {
    const params = fc.record(Object.fromEntries(t.route.params.map((p) => [p, paramValue(t.goodParams[p] ?? "x")])));
    arbs.push({
      weight: 2,
      arbitrary: params.map((params) => ({ family: "bad path params" as const, note: JSON.stringify(params).slice(0, 120), params, query: "", headers: { ...auth, ...jsonType }, body: goodBody })),
    });
  }
  if (takesBody(t.method)) {
    const cases = fc.oneof(...(t.bodies.length ? t.bodies : [{}]).map(bodyCases));
    arbs.push({
      weight: 8,
      arbitrary: cases.map((c) => ({
        family: c.family,
        note: c.note.slice(0, 160),
        params: t.goodParams,
        query: "",
        headers: { ...auth, ...(c.contentType ? { "content-type": c.contentType } : {}) },
        body: c.body,
      })),
    });
  }
  // A failing request is printed by its family and note, not its (up to 2 MB) body.
  return fc.oneof(...arbs).map((r) => Object.assign(r, { [fc.toStringMethod]: () => `${r.family}: ${r.note}` }));
}

/** Sends one fuzz request to the route's handler in-process. */
export function sendFuzz(t: RouteTarget, handler: Parameters<typeof callRaw>[0], r: FuzzRequest): Promise<RawAnswer> {
  return callRaw(handler, { method: t.method, url: routeUrl(t.route, r.params, r.query), headers: r.headers, body: r.body, params: r.params });
}
