import type { JobQueue } from '../../platform/jobs/jobs.types.ts';
import type { Mailer } from '../../platform/context.ts';
import { emailSendJob } from './mail.job.ts';

/**
 * The mailer every module uses: it only enqueues `email.send`; delivery happens in a worker.
 * `smtpUrl` is read at send time because the local sink's port is known only once it listens.
 */
export function createMailer(deps: { jobs: JobQueue; smtpUrl: () => string; from: string }): Mailer {
  const job = emailSendJob({ smtpUrl: deps.smtpUrl, from: deps.from });
  deps.jobs.register(job);
  return {
    async send(email, options = {}) {
      await deps.jobs.enqueue(job, email, options.db ? { db: options.db } : {});
    },
  };
}
