import { z } from 'zod';
import type Stripe from 'stripe';
import { BillingOverview, CheckoutBody, ErrorResponse, InvoiceList, OrgParams, PlanChangeBody, PlanChangeResult, PlanList, RedirectUrl, ReferralOverview, WebhookAck } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { installReadOnlyGuard } from './billing-state.ts';
import { cancelScheduledChange, changePlan } from './billing.plan-change.ts';
import { billingOverview, listInvoices, listPlans, openPortal, startCheckout } from './billing.service.ts';
import { applyStripeEvent } from './billing.sync.ts';
import { commissionsCsv, referralOverview } from './referrals.service.ts';
import { closeStripeRuntime, stripeRuntime, WEBHOOK_PATH } from './billing.stripe.ts';

const tags = ['billing'];
/** Stripe's own default: a signature older than five minutes is refused (replays). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

export function registerBillingRoutes(app: App, ctx: AppContext): void {
  app.addHook('onClose', async () => closeStripeRuntime(ctx));
  installReadOnlyGuard(app, ctx);
  app.get('/api/v1/billing/plans', {
    schema: { tags, summary: 'The plans on sale with their monthly and annual prices, limits and features', security: [], response: { 200: PlanList } },
  }, async () => listPlans(ctx));

  app.get('/api/v1/orgs/:orgId/billing', {
    schema: { tags, summary: "The organisation's plan and subscription as Stripe reports them, usage against the plan's limits, trial days left and managed ad spend", params: OrgParams, response: { 200: BillingOverview, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
    return billingOverview(ctx, access.orgId);
  });

  app.post('/api/v1/orgs/:orgId/billing/checkout', {
    schema: { tags, summary: 'A Stripe Checkout page for a plan (14-day trial without a card the first time); the plan changes when Stripe confirms', params: OrgParams, body: CheckoutBody, response: { 201: RedirectUrl, ...conflictErrors, 422: ErrorResponse, 502: ErrorResponse, 503: ErrorResponse } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return reply.status(201).send(await startCheckout(ctx, app, access, request.body));
  });

  app.post('/api/v1/orgs/:orgId/billing/portal', {
    schema: { tags, summary: "A Stripe customer-portal page (change the card, cancel) for the organisation's billing account", params: OrgParams, response: { 201: RedirectUrl, ...conflictErrors, 503: ErrorResponse } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return reply.status(201).send(await openPortal(ctx, app, access));
  });

  app.get('/api/v1/orgs/:orgId/billing/invoices', {
    schema: { tags, summary: "The organisation's invoices from Stripe, newest first, with their hosted and PDF links", params: OrgParams, response: { 200: InvoiceList, ...orgRouteErrors, 503: ErrorResponse } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return listInvoices(ctx, app, access);
  });

  app.post('/api/v1/orgs/:orgId/billing/change', {
    schema: { tags, summary: 'Change the plan: a dearer one at once (the prorated difference invoiced now), a cheaper one at the period end', params: OrgParams, body: PlanChangeBody, response: { 200: PlanChangeResult, ...conflictErrors, 502: ErrorResponse, 503: ErrorResponse } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return changePlan(ctx, app, access, request.body);
  });

  app.delete('/api/v1/orgs/:orgId/billing/scheduled-change', {
    schema: { tags, summary: 'Cancel the plan change scheduled for the period end', params: OrgParams, response: { ...noContent, ...conflictErrors, 503: ErrorResponse } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    await cancelScheduledChange(ctx, app, access);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/orgs/:orgId/billing/referrals', {
    schema: { tags, summary: "The organisation's referral code and link, the organisations it referred and the commissions earned on their payments", params: OrgParams, response: { 200: ReferralOverview, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return referralOverview(ctx.db, access.orgId, ctx.config.publicUrl);
  });

  app.get('/api/v1/orgs/:orgId/billing/referrals/commissions.csv', {
    schema: { tags, summary: 'The commissions earned, one row per paid invoice, as CSV for the payout', params: OrgParams, response: { 200: z.string().meta({ description: 'CSV (UTF-8, RFC 4180)' }), ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    const csv = await commissionsCsv(ctx.db, access.orgId);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="adloop-referral-commissions.csv"').send(csv);
  });

  // Stripe signs the exact bytes it sent: this route alone keeps the body raw.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    (scope as unknown as App).post(WEBHOOK_PATH, {
      schema: {
        tags, summary: 'Stripe webhook: signature checked (Stripe-Signature, 5-minute tolerance), each event applied once by re-reading Stripe', security: [],
        headers: z.object({ 'stripe-signature': z.string().min(1).max(2_000) }), body: z.string().max(1_000_000).meta({ description: 'The event exactly as Stripe sent it' }),
        response: { 200: WebhookAck, 400: ErrorResponse, 503: ErrorResponse },
      },
    }, async (request) => {
      const { stripe, webhookSecret } = await stripeRuntime(ctx, app);
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(request.body, request.headers['stripe-signature'], webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
      } catch (error) {
        throw new AppError('validation_failed', `stripe-signature: ${error instanceof Error ? error.message : 'invalid signature'}`, { issues: [{ location: 'headers', field: 'stripe-signature', message: 'signature does not match or is too old' }] });
      }
      const { duplicate } = await applyStripeEvent(ctx, app, event);
      return { received: true as const, duplicate };
    });
  });
}
