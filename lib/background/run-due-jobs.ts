import "server-only";
import { chargeAutoRecharge } from "@/lib/auto-recharge/charge-auto-recharge";
import { collectInvoicePayment } from "@/lib/billing/collection/collect-invoice-payment";
import { refundCreditNote } from "@/lib/billing/credit-notes/refund-credit-note";
import { claimJobs, completeJob, failJob, type ClaimedJob } from "../jobs/claim-jobs";

const HANDLERS: Record<string, (job: ClaimedJob) => Promise<void>> = {
  "auto_recharge.charge": (job) => chargeAutoRecharge(job.payload),
  "invoice.collect": (job) => collectInvoicePayment(job.payload),
  "credit_note.refund": (job) => refundCreditNote(job.payload),
};

/** Claims due jobs and runs each (outside any transaction); returns how many ran. Tests call it directly. */
export async function runDueJobs(limit = 20): Promise<number> {
  const jobs = await claimJobs(limit, Object.keys(HANDLERS));
  for (const job of jobs) {
    const handler = HANDLERS[job.kind];
    try {
      await handler(job);
      await completeJob(job.id);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      console.error(
        `job ${job.kind} ${job.key ?? job.id} failed (attempt ${job.attempts}/${job.maxAttempts}):`,
        message,
      );
      await failJob(job, message);
    }
  }
  return jobs.length;
}
