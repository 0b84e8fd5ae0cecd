import type { AppModule } from '../module.ts';
import { registerDevMailboxRoutes } from './dev-mailbox.routes.ts';

/**
 * Email. Its `email.send` job is registered by the mailer itself (`createMailer`), which every
 * process builds first: it holds the SMTP address that is known only once the local sink listens.
 */
export const mailModule: AppModule = {
  name: 'mail',
  routes: (app, ctx) => registerDevMailboxRoutes(app, ctx, ctx.devMailbox),
};
