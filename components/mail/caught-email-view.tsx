import type { CaughtEmailDetail } from "@/lib/notify/email/catcher/get-caught-email";
import { formatTimestamp } from "@/lib/dates/format-date";

/**
 * One caught message: its headers, the HTML part in a sandboxed iframe (no scripts, no same-origin access,
 * links open in a new tab), and the text part as sent.
 */
export function CaughtEmailView({ email }: { email: CaughtEmailDetail }) {
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-500">From</dt>
        <dd>{email.sender}</dd>
        <dt className="text-slate-500">To</dt>
        <dd data-testid="mail-to">{email.recipients.join(", ")}</dd>
        <dt className="text-slate-500">Received</dt>
        <dd>{formatTimestamp(email.receivedAt, { seconds: true })}</dd>
        {email.messageId && (
          <>
            <dt className="text-slate-500">Message-ID</dt>
            <dd className="font-mono text-xs">{email.messageId}</dd>
          </>
        )}
      </dl>
      <section className="space-y-2">
        <h2 className="font-medium">HTML</h2>
        {email.html ? (
          <iframe
            title="HTML part"
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={email.html.replace(/<head>/i, '<head><base target="_blank">')}
            className="h-[480px] w-full rounded-lg border border-slate-200 bg-white"
            data-testid="mail-html"
          />
        ) : (
          <p className="text-sm text-slate-500">This message has no HTML part.</p>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="font-medium">Text</h2>
        <pre
          className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm"
          data-testid="mail-text"
        >
          {email.text || "(empty)"}
        </pre>
      </section>
    </div>
  );
}
