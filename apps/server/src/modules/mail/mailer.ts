import type { JobQueue } from '../../platform/jobs/jobs.types.ts';
import type { Mailer } from '../../platform/context.ts';
import { emailSendJob, sealEmail, smtpDelivery } from './mail.job.ts';

/**
 * The mailer every module uses: it only enqueues `email.send` (sealed); delivery happens in a worker.
 * `smtpUrl` is read at send time because the local sink's port is known only once it listens.
 */
export function createMailer(deps: { jobs: JobQueue; smtpUrl: () => string; from: string; secretKey: string }): Mailer {
  const job = emailSendJob({ smtpUrl: deps.smtpUrl, from: deps.from, secretKey: deps.secretKey });
  deps.jobs.register(job);
  const deliver = smtpDelivery({ smtpUrl: deps.smtpUrl, from: deps.from });
  return {
    sendNow: (email) => deliver(email),
    async send(email, options = {}) {
      await deps.jobs.enqueue(job, sealEmail(deps.secretKey, email), options.db ? { db: options.db } : {});
    },
  };
}
