import "server-only";
import { lookup } from "node:dns/promises";
import { env } from "@/lib/env";
import { isPrivateAddress } from "./private-address";

export type AddressCheck = { ok: true } | { ok: false; rule: "private_address" | "unresolvable"; message: string };

/** Whether private addresses are allowed (WEBHOOKS_ALLOW_PRIVATE=1: the demo and the tests post to loopback). */
export function privateAddressesAllowed(): boolean {
  return env().WEBHOOKS_ALLOW_PRIVATE === "1";
}

/**
 * Resolves the URL's host (DNS, as fetch would) and refuses it when any address is private, loopback,
 * link-local or unique-local, so an endpoint cannot turn the app against its own network. Checked when an
 * endpoint is saved and again before each attempt (the name may resolve elsewhere by then).
 */
export async function checkEndpointAddress(url: string, allowPrivate = privateAddressesAllowed()): Promise<AddressCheck> {
  if (allowPrivate) return { ok: true };
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, rule: "unresolvable", message: `url's host ${host} does not resolve` };
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) {
    return { ok: false, rule: "private_address", message: `url resolves to a private address (${bad.address}); only public addresses are allowed unless WEBHOOKS_ALLOW_PRIVATE=1` };
  }
  return { ok: true };
}
