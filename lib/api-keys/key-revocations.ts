import "server-only";
import { channelListener } from "@/lib/db/channel-listener";

/** The channel a revocation is announced on (pg_notify in the revoking transaction: delivered at its commit). */
export const KEY_REVOKED_CHANNEL = "meterly_api_key_revoked";

const revocations = () => channelListener(KEY_REVOKED_CHANNEL);

/**
 * True while this process is certain to hear every revocation (lib/db/channel-listener.ts): until then
 * callers must not rely on a cache of keys. Starts the listener on first use.
 */
export function revocationsHeard(): boolean {
  return revocations().heard();
}

/** Called whenever a revocation is heard or hearing stops: caches of keys must be dropped. */
export function onRevocationOrDeafness(fn: () => void): void {
  revocations().onMessage(() => fn());
  revocations().onDeafness(fn);
}
