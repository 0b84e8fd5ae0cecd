import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { LegalInfo } from '@adloop/contracts';
import { buildSecurityTxt } from './security-txt.ts';

/**
 * `/.well-known/security.txt` from the operator's configuration (RFC 9116), served as text/plain,
 * and the operator's details the public legal pages show.
 */
export function registerLegalRoutes(app: App, ctx: AppContext): void {
  const { config } = ctx;
  app.get('/.well-known/security.txt', { schema: { hide: true } }, async (_request, reply) => {
    const body = buildSecurityTxt(
      {
        contacts: config.legal.securityContacts,
        expires: config.legal.securityTxtExpires,
        preferredLanguages: config.legal.preferredLanguages,
        policyUrl: config.legal.securityPolicyUrl ?? `${config.publicUrl}/legal/security`,
        canonicalUrl: `${config.publicUrl}/.well-known/security.txt`,
      },
      ctx.clock.now(),
    );
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/api/v1/legal', { schema: { tags: ['legal'], summary: 'The operator’s details for the legal pages (public)', response: { 200: LegalInfo } } }, async (_request, reply) => {
    const { operator, legal } = config;
    void reply.header('cache-control', 'public, max-age=300');
    return { ...operator, securityContacts: legal.securityContacts };
  });
}
