import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message as the catcher received it: the envelope, and the parsed headers and bodies. */
export type CaughtMessage = {
  sender: string;
  recipients: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  sizeBytes: number;
  raw: Buffer;
};

export type MailCatcher = { url: string; port: number; close(): Promise<void> };

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server (smtp-server) on loopback that accepts every message (any or no login, no TLS), parses it
 * with mailparser and hands it to `onMessage`; an error there answers the sender 451, so it retries. `port` 0 (the
 * default) takes a free port; `url` is the SMTP_URL to send through it. `refuseRecipient` lets tests make it
 * refuse some addresses (550).
 */
export async function startMailCatcher(opts: {
  onMessage: (message: CaughtMessage) => Promise<void>;
  port?: number;
  refuseRecipient?: (address: string) => boolean;
}): Promise<MailCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    banner: "Meterly mail catcher",
    size: MAX_BYTES,
    onAuth: (_auth, _session, callback) => callback(null, { user: "catcher" }),
    onRcptTo: (address, _session, callback) => {
      if (opts.refuseRecipient?.(address.address)) {
        const refused = Object.assign(new Error(`Mailbox ${address.address} is not accepted here`), {
          responseCode: 550,
        });
        return callback(refused);
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (e) => callback(e));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        void catchMessage(raw, session)
          .then(opts.onMessage)
          .then(
            () => callback(),
            (e: unknown) => {
              const failed = e instanceof Error ? e : new Error(String(e));
              callback(
                Object.assign(new Error(`Could not keep the message: ${failed.message}`), {
                  responseCode: 451,
                }),
              );
            },
          );
      });
    },
  });
  server.on("error", (e) => console.error("mail catcher:", e.message));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function catchMessage(
  raw: Buffer,
  session: { envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] } },
): Promise<CaughtMessage> {
  const parsed = await simpleParser(raw);
  const { mailFrom, rcptTo } = session.envelope;
  return {
    sender: mailFrom ? mailFrom.address : (parsed.from?.value[0]?.address ?? ""),
    recipients: rcptTo.map((r) => r.address),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    messageId: parsed.messageId ?? null,
    sizeBytes: raw.length,
    raw,
  };
}
