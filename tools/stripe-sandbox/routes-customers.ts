import { expandObject, ID, newestFirst, paginate, type Route } from "./api";
import type { Sandbox } from "./context";
import { invalidRequest } from "./errors";
import { expandParam, metadataParam, optObject, optString, type FormObject } from "./form";
import { buildCustomer, type Customer } from "./objects";

function updateCustomer(sb: Sandbox, customer: Customer, params: FormObject): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  const set = <K extends keyof Customer>(key: K, value: Customer[K]) => {
    if (JSON.stringify(customer[key]) === JSON.stringify(value)) return;
    previous[key] = structuredClone(customer[key]);
    customer[key] = value;
  };
  for (const key of ["email", "name", "description", "phone"] as const) {
    const value = optString(params, key);
    if (value !== undefined) set(key, value === "" ? null : value);
  }
  set("metadata", metadataParam(params, customer.metadata));
  const invoiceSettings = optObject(params, "invoice_settings");
  const pmId = invoiceSettings ? optString(invoiceSettings, "default_payment_method", "invoice_settings[default_payment_method]") : undefined;
  if (pmId !== undefined) {
    const pm = pmId === "" ? undefined : sb.store.find("paymentMethods", pmId);
    if (pmId !== "" && pm?.customer !== customer.id) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
        "invoice_settings[default_payment_method]",
        "resource_missing",
      );
    }
    set("invoice_settings", { ...customer.invoice_settings, default_payment_method: pmId === "" ? null : pmId });
  }
  return previous;
}

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/customers$/,
    handler: (sb, { params, meta }) => {
      const customer = buildCustomer({
        email: optString(params, "email") || undefined,
        name: optString(params, "name") || undefined,
        description: optString(params, "description") || undefined,
        phone: optString(params, "phone") || undefined,
        metadata: metadataParam(params),
      });
      sb.store.put("customers", customer);
      sb.emit("customer.created", customer, meta);
      return customer;
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/customers/${ID}$`),
    handler: (sb, { params, match }) => expandObject(sb, sb.store.get("customers", match[0]), expandParam(params)),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/customers/${ID}$`),
    handler: (sb, { params, match, meta }) => {
      const customer = sb.store.get("customers", match[0]);
      const previous = updateCustomer(sb, customer, params);
      if (Object.keys(previous).length > 0) sb.emit("customer.updated", customer, meta, previous);
      return expandObject(sb, customer, expandParam(params));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/customers/${ID}/payment_methods$`),
    handler: (sb, { params, match }) => {
      const customer = sb.store.get("customers", match[0]);
      const type = optString(params, "type");
      const pms = Object.values(sb.store.state.paymentMethods).filter((pm) => pm.customer === customer.id && (!type || pm.type === type));
      return paginate(newestFirst(pms), params, `/v1/customers/${customer.id}/payment_methods`);
    },
  },
];
