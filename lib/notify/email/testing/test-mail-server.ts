import { startMailCatcher, type CaughtMessage, type MailCatcher } from "../catcher/start-mail-catcher";

export type TestMailServer = MailCatcher & {
  messages: CaughtMessage[];
  /** Messages to this address, in the order received. */
  to(address: string): CaughtMessage[];
  /** Addresses refused with 550 while in this set (a failing mailbox). */
  refused: Set<string>;
};

/**
 * A real SMTP server for tests (the catcher on a free port) that keeps what it parses in memory. Sets SMTP_URL
 * to it: start it in beforeAll, before anything reads the environment (lib/env parses it once per test file).
 */
export async function startTestMailServer(): Promise<TestMailServer> {
  const messages: CaughtMessage[] = [];
  const refused = new Set<string>();
  const catcher = await startMailCatcher({
    onMessage: async (m) => void messages.push(m),
    refuseRecipient: (address) => refused.has(address.toLowerCase()),
  });
  process.env.SMTP_URL = catcher.url;
  return {
    ...catcher,
    messages,
    refused,
    to: (address) => messages.filter((m) => m.recipients.includes(address.toLowerCase())),
  };
}
