import { describe, expect, it } from "vitest";
import { expandParam, metadataParam, parseForm } from "./form";

describe("parseForm (Stripe bracket notation)", () => {
  it("nests objects and indexed arrays", () => {
    const body =
      "mode=payment&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=500" +
      "&line_items[0][price_data][product_data][name]=Credits%20pack&line_items[0][quantity]=2" +
      "&line_items[1][quantity]=1&metadata[orgId]=org_1&success_url=http%3A%2F%2Fa.test%2Fok%3Fs%3D%7BCHECKOUT_SESSION_ID%7D";
    expect(parseForm(body)).toEqual({
      mode: "payment",
      line_items: [{ price_data: { currency: "usd", unit_amount: "500", product_data: { name: "Credits pack" } }, quantity: "2" }, { quantity: "1" }],
      metadata: { orgId: "org_1" },
      success_url: "http://a.test/ok?s={CHECKOUT_SESSION_ID}",
    });
  });

  it("handles encoded brackets, `[]` appends, `+` spaces and numeric metadata keys", () => {
    const parsed = parseForm("expand%5B%5D=payment_intent&expand[]=customer&name=Ada+Lovelace&metadata[0]=zero");
    expect(expandParam(parsed)).toEqual(["payment_intent", "customer"]);
    expect(parsed.name).toBe("Ada Lovelace");
    expect(metadataParam(parsed)).toEqual({ "0": "zero" });
    expect(expandParam(parseForm("expand[0]=a&expand[1]=b"))).toEqual(["a", "b"]);
  });

  it("ignores prototype keys and deletes metadata set to empty", () => {
    const parsed = parseForm("__proto__[polluted]=1&metadata[keep]=1&metadata[drop]=");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(metadataParam(parsed, { drop: "x", old: "y" })).toEqual({ keep: "1", old: "y" });
  });
});
