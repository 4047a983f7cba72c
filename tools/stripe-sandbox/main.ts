/**
 * CLI entry for the Stripe sandbox:
 *   npx tsx tools/stripe-sandbox/main.ts --port 12111 \
 *     --webhook-url http://127.0.0.1:3000/api/webhooks/stripe --webhook-secret whsec_... [--state .data/stripe-sandbox.json]
 * Each flag falls back to an environment variable: STRIPE_SANDBOX_PORT, STRIPE_WEBHOOK_URL,
 * STRIPE_WEBHOOK_SECRET, STRIPE_SANDBOX_STATE (and --host / STRIPE_SANDBOX_HOST).
 */
import { parseArgs } from "node:util";
import { startStripeSandbox } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    state: { type: "string" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("Usage: tsx tools/stripe-sandbox/main.ts [--port 12111] [--host 127.0.0.1] [--webhook-url URL --webhook-secret whsec_...] [--state file.json] [--quiet]");
  process.exit(0);
}

const port = Number(values.port ?? process.env.STRIPE_SANDBOX_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.STRIPE_SANDBOX_PORT}`);
  process.exit(2);
}
const webhookUrl = values["webhook-url"] ?? process.env.STRIPE_WEBHOOK_URL;
const webhookSecret = values["webhook-secret"] ?? process.env.STRIPE_WEBHOOK_SECRET;
if (webhookUrl && !webhookSecret) {
  console.error("--webhook-url needs --webhook-secret (or STRIPE_WEBHOOK_SECRET)");
  process.exit(2);
}

const sandbox = await startStripeSandbox({
  port,
  host: values.host ?? process.env.STRIPE_SANDBOX_HOST,
  webhookUrl,
  webhookSecret,
  stateFile: values.state ?? process.env.STRIPE_SANDBOX_STATE,
  log: values.quiet ? undefined : (line) => console.log(`[stripe-sandbox] ${line}`),
});

console.log(`[stripe-sandbox] listening on ${sandbox.url}${webhookUrl ? `, webhooks -> ${webhookUrl}` : " (no webhook endpoint)"}`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
