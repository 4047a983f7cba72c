import type { Metadata } from "next";
import { headers } from "next/headers";
import Script from "next/script";
import { REFERENCE_CONFIGURATION } from "@/lib/openapi/reference-bundle";

export const metadata: Metadata = { title: "API reference · Meterly" };

/**
 * The public API's reference, rendered in the browser by Scalar from GET /api/v1/openapi.json. No inline
 * script: the configuration is a JSON data block (never executed) that the bundle reads, and the bundle
 * (served from this origin) carries the request's CSP nonce.
 */
export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      <script
        id="api-reference"
        type="application/json"
        data-url={REFERENCE_CONFIGURATION.url}
        data-configuration={JSON.stringify(REFERENCE_CONFIGURATION)}
      />
      <noscript>
        <p className="p-6">
          The API reference needs JavaScript. The OpenAPI document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </noscript>
      <Script src="/docs/api/scalar.js" strategy="afterInteractive" nonce={nonce} />
    </>
  );
}
