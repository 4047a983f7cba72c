import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validate } from "@scalar/openapi-parser";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import { apiDocument, apiPaths } from "@/lib/openapi/api-document";
import { parseStripeMeterEvent } from "@/lib/metering/ingest/stripe-meter-event-input";
import { parseCloudEventsBody } from "@/lib/metering/ingest/parse-cloud-events-body";
import { callRoute } from "../support/call-route";

const API_DIR = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Every route file under app/api/v1, as its OpenAPI path ("customers/[externalId]/credits" -> "/customers/{externalId}/credits"). */
function routeFiles(dir = API_DIR): { file: string; apiPath: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (!/^route\.(ts|tsx|js)$/.test(entry.name)) return [];
    const rel = path.relative(API_DIR, path.dirname(full)).split(path.sep).filter(Boolean);
    return [{ file: full, apiPath: "/" + rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/") }];
  });
}

type Operation = ZodOpenApiOperationObject & { requestParams?: { query?: z.ZodObject; path?: z.ZodObject } };

function operations(): { key: string; op: Operation }[] {
  return Object.entries(apiPaths).flatMap(([p, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([m]) => (METHODS as readonly string[]).includes(m.toUpperCase()))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
  );
}

describe("the OpenAPI document of /api/v1", () => {
  const doc = apiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { required?: string[] }> } };

  it("documents every route file in app/api/v1 and each method it exports, and nothing else", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    const exported: string[] = [];
    for (const { file, apiPath } of files) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${file} exports no method`).toBeGreaterThan(0);
      for (const m of methods) {
        exported.push(`${m} ${apiPath}`);
        expect(doc.paths[apiPath]?.[m.toLowerCase()], `${m} ${apiPath} is not in the OpenAPI document (lib/openapi)`).toBeDefined();
      }
    }
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).filter((k) => (METHODS as readonly string[]).includes(k.toUpperCase())).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(exported.sort());
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("every example request validates against the zod schema the route parses with", () => {
    let checked = 0;
    for (const { key, op } of operations()) {
      const content = (op.requestBody as { content?: Record<string, { schema?: z.ZodType; examples?: Record<string, { value: unknown }> }> } | undefined)?.content ?? {};
      for (const [mediaType, media] of Object.entries(content)) {
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          const parsed = media.schema!.safeParse(example.value);
          expect(parsed.success, `${key} ${mediaType} example "${name}": ${parsed.error?.message}`).toBe(true);
          checked++;
        }
      }
      for (const where of ["query", "path"] as const) {
        const schema = op.requestParams?.[where];
        if (!schema) continue;
        const values = Object.fromEntries(Object.entries(schema.shape).map(([k, field]) => [k, z.globalRegistry.get(field as z.ZodType)?.example]));
        expect(Object.values(values).every((v) => v !== undefined), `${key}: every ${where} parameter has an example`).toBe(true);
        const parsed = schema.safeParse(values);
        expect(parsed.success, `${key} ${where} examples: ${parsed.error?.message}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it("its examples pass the real parsers too: a CloudEvents batch, and Stripe's form encoding", () => {
    const events = apiPaths["/events"]!.post!.requestBody as { content: Record<string, { examples: Record<string, { value: unknown }> }> };
    const batch = events.content["application/cloudevents-batch+json"].examples.batch.value;
    expect(parseCloudEventsBody(batch, "cloudevents-batch").events).toHaveLength(2);
    const stripe = apiPaths["/stripe/v1/billing/meter_events"]!.post!.requestBody as typeof events;
    const { payload, ...top } = stripe.content["application/x-www-form-urlencoded"].examples.form.value as { payload: Record<string, string> };
    const form = new URLSearchParams({ ...Object.fromEntries(Object.entries(top).map(([k, v]) => [k, String(v)])), ...Object.fromEntries(Object.entries(payload).map(([k, v]) => [`payload[${k}]`, v])) });
    expect(parseStripeMeterEvent(form.toString(), "application/x-www-form-urlencoded")).toMatchObject({ customer: "acme", event_name: "llm_tokens", timestamp: 1769860800 });
  });

  it("states the same rules as the routes' schemas (required fields, limits)", () => {
    expect(doc.components.schemas.Event.required?.sort()).toEqual(["customer", "id", "type"]);
    expect(doc.components.schemas.CloudEvent.required?.sort()).toEqual(["id", "source", "specversion", "subject", "type"]);
    const usage = (doc.paths["/usage"].get as { parameters: { name: string; required?: boolean }[] }).parameters;
    expect(usage.filter((p) => p.required).map((p) => p.name).sort()).toEqual(["customer", "meter"]);
  });

  it("is served at GET /api/v1/openapi.json without a key", async () => {
    const res = await callRoute(getDocument as never, { method: "GET", key: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(res.json.paths)).toContain("/events");
  });
});
