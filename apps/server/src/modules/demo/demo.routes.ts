import { eq } from 'drizzle-orm';
import { DemoOfferResponse } from '@adloop/contracts';
import { users } from '@adloop/db';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { DEMO_EMAIL, findDemoAccount, type DemoSignIn } from './demo-credentials.ts';

/**
 * The demo offer for the sign-in page. The route needs no sign-in, so the password check (argon2)
 * runs only when the stored hash changes, never once per anonymous request.
 */
function demoOffer(ctx: AppContext): () => Promise<DemoSignIn | null> {
  let checked: { hash: string; signIn: DemoSignIn | null } | null = null;
  return async () => {
    const [user] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, DEMO_EMAIL)).limit(1);
    if (!user) return null;
    if (checked?.hash !== user.passwordHash) {
      const state = await findDemoAccount(ctx.db, ctx.secretKey);
      checked = { hash: user.passwordHash, signIn: state.kind === 'ready' ? state.signIn : null };
    }
    return checked.signIn;
  };
}

export function registerDemoRoutes(app: App, ctx: AppContext): void {
  const offer = demoOffer(ctx);
  app.get(
    '/api/v1/demo',
    { schema: { tags: ['auth'], summary: 'Whether this installation runs in sandbox mode, and its demo sign-in (never in production mode)', response: { 200: DemoOfferResponse } } },
    async () => {
      if (ctx.config.isProduction) return { sandboxMode: false, demo: null };
      return { sandboxMode: true, demo: await offer() };
    },
  );
}
