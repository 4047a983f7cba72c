/** Next.js calls register() once when a server instance starts: background work runs in the Node.js runtime only. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("./lib/background/start-background-work");
  startBackgroundWork();
}
