import "server-only";
import { startMailCatcher, type MailCatcher } from "./start-mail-catcher";
import { storeCaughtEmail } from "./store-caught-email";

/**
 * `npm start` and the e2e server without SMTP_URL: a mail catcher on loopback that keeps every message in the
 * database (caught_emails), where the admin Mail page shows it. Pass its `url` to the app as SMTP_URL.
 */
export async function startLocalMailCatcher(opts: { port?: number } = {}): Promise<MailCatcher> {
  return startMailCatcher({ port: opts.port, onMessage: storeCaughtEmail });
}
