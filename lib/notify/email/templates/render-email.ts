import type { EmailContent } from "./notification-email-content";

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/**
 * Lays out an email as plain branded HTML (inline styles, one table, no images or scripts, as mail clients
 * need) and as text with the same words; the action links to `appUrl` + its path. `footer` says why the
 * recipient gets it.
 */
export function renderEmail(
  content: EmailContent,
  opts: { appUrl: string; footer: string[] },
): RenderedEmail {
  const url = `${opts.appUrl.replace(/\/+$/, "")}${content.action.path}`;
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.details.length ? [...content.details.map(([k, v]) => `${k}: ${v}`), ""] : []),
    `${content.action.label}: ${url}`,
    "",
    "--",
    "Meterly",
    ...opts.footer,
  ].join("\n");
  const details = content.details.length
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;font-size:14px;color:#334155">${content.details
        .map(
          ([k, v]) =>
            `<tr><td style="padding:2px 16px 2px 0;color:#64748b">${escapeHtml(k)}</td><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e2e8f0;font-size:18px;font-weight:700;color:#4f46e5">Meterly</td></tr>
<tr><td style="padding:24px 28px">
<h1 style="margin:0 0 16px;font-size:20px;color:#0f172a">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p style="margin:0 0 14px;font-size:15px;line-height:22px;color:#334155">${escapeHtml(p)}</p>`).join("\n")}
${details}
<a href="${escapeHtml(url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;font-size:14px;padding:10px 18px;border-radius:6px">${escapeHtml(content.action.label)}</a>
<p style="margin:16px 0 0;font-size:12px;color:#64748b">Or open ${escapeHtml(url)}</p>
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e2e8f0;font-size:12px;line-height:18px;color:#64748b">${opts.footer.map(escapeHtml).join("<br>")}</td></tr>
</table></td></tr></table>
</body></html>`;
  return { subject: content.subject, text, html };
}
