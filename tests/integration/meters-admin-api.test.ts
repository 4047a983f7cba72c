import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listMetersRoute, POST as createMeterRoute } from "@/app/api/admin/meters/route";
import { GET as getMeterRoute, PATCH as patchMeterRoute } from "@/app/api/admin/meters/[id]/route";
import { POST as archiveMeterRoute } from "@/app/api/admin/meters/[id]/archive/route";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { callRoute } from "../support/call-route";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, send, hoursAgo, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

const create = (body: unknown) => callRoute(createMeterRoute, { method: "POST", body });
const patch = (id: string, body: unknown) => callRoute(patchMeterRoute, { method: "PATCH", body, params: { id } });
const archive = (id: string) => callRoute(archiveMeterRoute, { method: "POST", params: { id } });

const valid = (over: Record<string, unknown> = {}) => {
  const t = tag();
  return { key: `tokens_${t}`, name: "LLM tokens", eventType: `llm_${t}`, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model", "region"], filters: { region: ["eu", "us"] }, unit: "tokens", ...over };
};

describe("admin meters API", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });
  beforeEach(() => signInAs(admin));

  it("creates a meter (201), lists it, reads it, and audits the change", async () => {
    const body = valid({ allowNegative: true });
    const res = await create(body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ ...body, archivedAt: null });
    const list = await callRoute(listMetersRoute, {});
    expect(list.json.meters).toEqual(expect.arrayContaining([expect.objectContaining({ key: body.key, inUse: false })]));
    const one = await callRoute(getMeterRoute, { params: { id: res.json.id } });
    expect(one.json).toMatchObject({ key: body.key, inUse: false, allowNegative: true });
    const audit = await prisma.auditLog.findFirst({ where: { action: "meter.created", target: res.json.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, actorKind: "user" });
  });

  it.each([
    ["a key with capitals", { key: "Tokens" }, "key", "invalid_format"],
    ["a one-letter key", { key: "t" }, "key", "invalid_format"],
    ["a key starting with a digit", { key: "1tokens" }, "key", "invalid_format"],
    ["an unknown aggregation", { aggregation: "AVG" }, "aggregation", "invalid_value"],
    ["SUM without a value property", { valueProperty: "" }, "valueProperty", "required"],
    ["UNIQUE_COUNT without an identity property", { aggregation: "UNIQUE_COUNT", valueProperty: null }, "valueProperty", "required"],
    ["COUNT with a value property", { aggregation: "COUNT" }, "valueProperty", "not_applicable"],
    ["negative values on a COUNT meter", { aggregation: "COUNT", valueProperty: null, allowNegative: true }, "allowNegative", "not_applicable"],
    ["a group-by dimension twice", { groupBy: ["model", "model"] }, "groupBy.1", "unique"],
    ["a malformed property name", { groupBy: ["has space"] }, "groupBy.0", "invalid_format"],
    ["an empty list filter", { filters: { model: [] } }, "filters.model", "too_small"],
    ["a missing name", { name: "" }, "name", "too_small"],
  ])("refuses %s with 422 naming the field", async (_what, over, field, rule) => {
    const res = await create(valid(over));
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it("refuses a key that is taken (409 naming key), archived meters included", async () => {
    const first = await create(valid());
    await archive(first.json.id);
    const again = await create(valid({ key: first.json.key }));
    expect(again.status).toBe(409);
    expect(again.json.error.problems).toEqual([expect.objectContaining({ field: "key", rule: "unique" })]);
  });

  it("edits a meter not yet in use, definition included", async () => {
    const { json: m } = await create(valid());
    const res = await patch(m.id, { aggregation: "MAX", groupBy: ["model"], filters: {}, name: "Peak tokens" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ aggregation: "MAX", groupBy: ["model"], filters: {}, name: "Peak tokens", valueProperty: "tokens" });
    const audit = await prisma.auditLog.findFirst({ where: { action: "meter.updated", target: m.id } });
    expect((audit?.details as any).changes.aggregation).toEqual({ from: "SUM", to: "MAX" });
  });

  it("a meter in use keeps its aggregation and value property (422: archive and create a new one); name and unit stay editable", async () => {
    const { json: m } = await create(valid({ filters: {} }));
    const w = await customerWithKey();
    await send(w.key.secret, w.customer.externalId, m.eventType, [{ at: hoursAgo(1), props: { tokens: 5, model: "a" } }]);
    expect((await callRoute(getMeterRoute, { params: { id: m.id } })).json.inUse).toBe(true);
    for (const [field, value] of [["aggregation", "MAX"], ["valueProperty", "other"], ["groupBy", ["model"]], ["eventType", "renamed"]] as const) {
      const res = await patch(m.id, { [field]: value });
      expect(res.status).toBe(422);
      expect(res.json.error.message).toMatch(/archive it and create a new meter/i);
      expect(res.json.error.problems).toEqual([expect.objectContaining({ field, rule: "in_use" })]);
    }
    const ok = await patch(m.id, { name: "Tokens (renamed)", unit: "tok", allowNegative: true });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ name: "Tokens (renamed)", unit: "tok", allowNegative: true, aggregation: "SUM" });
  });

  it("an archived meter stops counting new events and can no longer be edited or archived again", async () => {
    const { json: m } = await create(valid({ filters: {} }));
    const w = await customerWithKey();
    const res = await archive(m.id);
    expect(res.status).toBe(200);
    expect(res.json.archivedAt).not.toBeNull();
    const event = await callRoute(postEvents, { key: w.key.secret, body: { id: "after-archive", customer: w.customer.externalId, type: m.eventType, properties: { tokens: 1 } } });
    expect(event.status).toBe(422);
    expect(event.json.error.problems).toEqual([expect.objectContaining({ field: "type", rule: "known_event_type" })]);
    expect((await archive(m.id)).status).toBe(409);
    expect((await patch(m.id, { name: "x" })).status).toBe(409);
    expect(await prisma.auditLog.count({ where: { action: "meter.archived", target: m.id } })).toBe(1);
  });

  it("answers 404 for an unknown or malformed meter id", async () => {
    expect((await callRoute(getMeterRoute, { params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await patch("00000000-0000-4000-8000-000000000000", { name: "x" })).status).toBe(404);
    expect((await archive("nope")).status).toBe(404);
  });

  it("members get 403 and signed-out callers 401 on every meters route, and nothing changes", async () => {
    const { json: m } = await create(valid());
    const w = await customerWithKey();
    signInAs(await memberOf(w.customer.id));
    const calls = [() => callRoute(listMetersRoute, {}), () => create(valid()), () => callRoute(getMeterRoute, { params: { id: m.id } }), () => patch(m.id, { name: "hacked" }), () => archive(m.id)];
    for (const call of calls) expect((await call()).status).toBe(403);
    signInAs(null);
    for (const call of calls) expect((await call()).status).toBe(401);
    expect(await prisma.meter.findUnique({ where: { id: m.id } })).toMatchObject({ name: "LLM tokens", archivedAt: null });
  });
});
