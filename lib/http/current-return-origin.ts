import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { requestOriginOf } from "./return-origin";

/** The origin the current request (a server action) came from, for lib to validate as a return address. */
export async function currentRequestOrigin(): Promise<string | null> {
  return requestOriginOf(await headers(), env().APP_URL);
}
