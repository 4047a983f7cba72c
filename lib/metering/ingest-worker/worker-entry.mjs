// The ingest worker thread's entry point (see ingest-worker-client.ts): it loads the worker's
// TypeScript through tsx, as `npm start` runs the project's scripts. The thread is started with
// --conditions=react-server, so that "server-only" modules load here as in the Next.js server.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker-main.ts", import.meta.url);
