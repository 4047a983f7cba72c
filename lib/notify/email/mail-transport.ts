import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

const globalForMail = globalThis as unknown as { __meterlyMail?: { url: string; transport: Transporter } };

/**
 * The SMTP transport for SMTP_URL (one per process, pooled connections), or null when SMTP_URL is unset:
 * then this instance sends no email. Every send goes through it.
 */
export function mailTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  const cached = globalForMail.__meterlyMail;
  if (cached?.url === url) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  globalForMail.__meterlyMail = { url, transport };
  return transport;
}
