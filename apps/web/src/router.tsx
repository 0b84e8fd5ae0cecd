import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Navigate, Outlet } from '@tanstack/react-router';
import { pickStrings } from './lib/search.ts';
import { NotFoundPage } from './features/shell/not-found.page.tsx';
import { HomeRedirect } from './features/shell/home-redirect.tsx';
import { AppShell } from './features/shell/app-shell.tsx';
import { OnboardingPage } from './features/shell/onboarding.page.tsx';
import { SignUpPage } from './features/auth/sign-up.page.tsx';
import { CheckEmailPage } from './features/auth/check-email.page.tsx';
import { VerifyEmailPage } from './features/auth/verify-email.page.tsx';
import { SignInPage } from './features/auth/sign-in.page.tsx';
import { ForgotPasswordPage } from './features/auth/forgot-password.page.tsx';
import { ResetPasswordPage } from './features/auth/reset-password.page.tsx';
import { ConfirmEmailPage } from './features/auth/confirm-email.page.tsx';
import { AcceptInvitationPage } from './features/auth/accept-invitation.page.tsx';
import { GoogleSignInPage } from './features/auth/google-sign-in.page.tsx';
import { LinkGooglePage } from './features/auth/link-google.page.tsx';
import { ConfirmGoogleLinkPage } from './features/auth/confirm-google-link.page.tsx';
import { SettingsLayout } from './features/settings/settings-layout.tsx';
import { ProfilePage } from './features/settings/profile.page.tsx';
import { SecurityPage } from './features/settings/security.page.tsx';
import { OrganizationPage } from './features/settings/organization.page.tsx';
import { MembersPage } from './features/settings/members.page.tsx';
import { ApiKeysPage } from './features/settings/api-keys.page.tsx';
import { LoadingState } from './components/ui/states.tsx';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomeRedirect });
const signUpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-up', component: SignUpPage, validateSearch: pickStrings('email', 'redirect', 'ref') });
const checkEmailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/check-email', component: CheckEmailPage, validateSearch: pickStrings('email') });
const verifyEmailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify-email', component: VerifyEmailPage, validateSearch: pickStrings('token') });
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage, validateSearch: pickStrings('email', 'redirect') });
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage, validateSearch: pickStrings('email') });
const resetPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reset-password', component: ResetPasswordPage, validateSearch: pickStrings('token') });
const confirmEmailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/confirm-email', component: ConfirmEmailPage, validateSearch: pickStrings('token') });
const unsubscribeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/unsubscribe', component: lazyRouteComponent(() => import('./features/notifications/unsubscribe.page.tsx'), 'UnsubscribePage'), validateSearch: pickStrings('token') });
const acceptInvitationRoute = createRoute({ getParentRoute: () => rootRoute, path: '/accept-invitation', component: AcceptInvitationPage, validateSearch: pickStrings('token') });
// Back from Google: `step=mfa` asks for the second factor, `error` says why signing in did not finish.
const googleSignInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/google-sign-in', component: GoogleSignInPage, validateSearch: pickStrings('step', 'error', 'redirect') });
const linkGoogleRoute = createRoute({ getParentRoute: () => rootRoute, path: '/link-google', component: LinkGooglePage });
const confirmGoogleLinkRoute = createRoute({ getParentRoute: () => rootRoute, path: '/link-google/confirm', component: ConfirmGoogleLinkPage, validateSearch: pickStrings('token') });
// Rarely opened pages load on demand, keeping them out of the initial bundle: the dev mailbox
// exists only in sandbox mode, and /connect-failed only after a failed platform consent.
const mailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  component: lazyRouteComponent(() => import('./features/mailbox/mailbox.page.tsx'), 'MailboxPage'),
  validateSearch: pickStrings('id'),
});
const onboardingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/onboarding', component: OnboardingPage });
const connectFailedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connect-failed',
  component: lazyRouteComponent(() => import('./features/connections/connect-failed.page.tsx'), 'ConnectFailedPage'),
  validateSearch: pickStrings('reason'),
});

/** A client report link, opened without signing in. */
const clientReportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/r/$token',
  component: lazyRouteComponent(() => import('./features/reports/client-report.page.tsx'), 'ClientReportPage'),
  pendingComponent: () => <LoadingState label="Loading the report…" />,
});

/** Public legal pages, loaded on demand. */
const legalPages = () => import('./features/legal/legal-pages.ts');
const privacyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/legal/privacy', component: lazyRouteComponent(legalPages, 'PrivacyPage') });
const termsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/legal/terms', component: lazyRouteComponent(legalPages, 'TermsPage') });
const cookiesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/legal/cookies', component: lazyRouteComponent(legalPages, 'CookiesPage') });
const securityPolicyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/legal/security', component: lazyRouteComponent(legalPages, 'SecurityPolicyPage') });
const dataResidencyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/legal/data-residency', component: lazyRouteComponent(legalPages, 'DataResidencyPage') });
const legalRoutes = [privacyRoute, termsRoute, cookiesRoute, securityPolicyRoute, dataResidencyRoute] as const;

/** The operators' console: its own sign-in and session, loaded on demand. */
const opsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/ops', component: lazyRouteComponent(() => import('./features/ops/ops-layout.tsx'), 'OpsLayout') });
const opsTenantsRoute = createRoute({ getParentRoute: () => opsRoute, path: '/', component: lazyRouteComponent(() => import('./features/ops/tenants.page.tsx'), 'TenantsPage') });
const opsTenantRoute = createRoute({ getParentRoute: () => opsRoute, path: '/tenants/$orgId', component: lazyRouteComponent(() => import('./features/ops/tenant.page.tsx'), 'TenantPage') });
const opsSystemRoute = createRoute({ getParentRoute: () => opsRoute, path: '/system', component: lazyRouteComponent(() => import('./features/ops/system.page.tsx'), 'SystemPage') });
const opsOperatorsRoute = createRoute({ getParentRoute: () => opsRoute, path: '/operators', component: lazyRouteComponent(() => import('./features/ops/operators.page.tsx'), 'OperatorsPage') });

const orgRoute = createRoute({ getParentRoute: () => rootRoute, path: '/orgs/$orgId', component: AppShell });
const orgIndexRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/',
  component: function OrgIndex() {
    return <Navigate to="/orgs/$orgId/dashboard" from="/orgs/$orgId" params={(p) => p} replace />;
  },
});
/** The dashboard and the campaign pages load on demand too: their charts and tables stay out of the initial bundle. */
const dashboardRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/dashboard',
  // `range`: 7, 30, 90 or custom (with `since` and `until`); `platform`: only that platform.
  validateSearch: pickStrings('range', 'since', 'until', 'platform'),
  component: lazyRouteComponent(() => import('./features/shell/dashboard.page.tsx'), 'DashboardPage'),
  pendingComponent: () => <LoadingState label="Loading the dashboard…" />,
});
const campaignsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/campaigns',
  component: lazyRouteComponent(() => import('./features/campaigns/campaigns-layout.tsx'), 'CampaignsLayout'),
  pendingComponent: () => <LoadingState label="Loading campaigns…" />,
});
const campaignsIndexRoute = createRoute({
  getParentRoute: () => campaignsRoute,
  path: '/',
  validateSearch: pickStrings('range', 'since', 'until', 'platform', 'accountId', 'status', 'q', 'sort', 'dir'),
  component: lazyRouteComponent(() => import('./features/campaigns/campaigns.page.tsx'), 'CampaignsPage'),
  pendingComponent: () => <LoadingState label="Loading campaigns…" />,
});
const newCampaignRoute = createRoute({
  getParentRoute: () => campaignsRoute,
  path: '/new',
  component: lazyRouteComponent(() => import('./features/campaigns/new-campaign.page.tsx'), 'NewCampaignPage'),
  pendingComponent: () => <LoadingState />,
});
const importRoute = createRoute({
  getParentRoute: () => campaignsRoute,
  path: '/import',
  component: lazyRouteComponent(() => import('./features/imports/import.page.tsx'), 'ImportPage'),
  pendingComponent: () => <LoadingState />,
});
const campaignDetailRoute = createRoute({
  getParentRoute: () => campaignsRoute,
  path: '/$campaignId',
  validateSearch: pickStrings('range', 'since', 'until', 'granularity'),
  component: lazyRouteComponent(() => import('./features/campaigns/campaign-detail.page.tsx'), 'CampaignDetailPage'),
  pendingComponent: () => <LoadingState label="Loading the campaign…" />,
});
/** Its own chunk: loaded when the page is first opened (or hovered in the navigation). */
const connectionsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/connections',
  // `pick`: the connection whose accounts to choose (back from the consent page); `error`: why connecting failed.
  validateSearch: pickStrings('pick', 'error'),
  component: lazyRouteComponent(() => import('./features/connections/connections.page.tsx'), 'ConnectionsPage'),
  pendingComponent: () => <LoadingState label="Loading connections…" />,
});
/** The approval inbox; filters in the URL (`state`, `actor`, `level`, `platform`, `account`). */
const approvalsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/approvals',
  validateSearch: pickStrings('state', 'actor', 'level', 'platform', 'account'),
  component: lazyRouteComponent(() => import('./features/approvals/approvals.page.tsx'), 'ApprovalsPage'),
  pendingComponent: () => <LoadingState label="Loading the approval inbox…" />,
});
/** Insights of one ad account (`account`): budget recommendations, open anomalies, forecast. */
const insightsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/insights',
  validateSearch: pickStrings('account'),
  component: lazyRouteComponent(() => import('./features/insights/insights.page.tsx'), 'InsightsPage'),
  pendingComponent: () => <LoadingState label="Loading insights…" />,
});
/** Reports: definitions, schedule, run now, history with downloads, client links. */
const reportsRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('./features/reports/reports.page.tsx'), 'ReportsPage'),
  pendingComponent: () => <LoadingState label="Loading reports…" />,
});
/** Automation rules: the list (`status`), templates, the builder (`template`: start from one) and each rule's history (`run`: the open run). */
const rulesRoute = createRoute({
  getParentRoute: () => orgRoute,
  path: '/rules',
  component: lazyRouteComponent(() => import('./features/rules/rules-layout.tsx'), 'RulesLayout'),
  pendingComponent: () => <LoadingState label="Loading rules…" />,
});
const rulesIndexRoute = createRoute({
  getParentRoute: () => rulesRoute,
  path: '/',
  validateSearch: pickStrings('status'),
  component: lazyRouteComponent(() => import('./features/rules/rules.page.tsx'), 'RulesPage'),
  pendingComponent: () => <LoadingState label="Loading rules…" />,
});
const ruleTemplatesRoute = createRoute({
  getParentRoute: () => rulesRoute,
  path: '/templates',
  component: lazyRouteComponent(() => import('./features/rules/rule-templates.page.tsx'), 'RuleTemplatesPage'),
  pendingComponent: () => <LoadingState />,
});
const newRuleRoute = createRoute({
  getParentRoute: () => rulesRoute,
  path: '/new',
  validateSearch: pickStrings('template'),
  component: lazyRouteComponent(() => import('./features/rules/rule-new.page.tsx'), 'NewRulePage'),
  pendingComponent: () => <LoadingState />,
});
const ruleRoute = createRoute({ getParentRoute: () => rulesRoute, path: '/$ruleId', component: Outlet });
const ruleDetailRoute = createRoute({
  getParentRoute: () => ruleRoute,
  path: '/',
  validateSearch: pickStrings('run', 'saved'),
  component: lazyRouteComponent(() => import('./features/rules/rule-detail.page.tsx'), 'RuleDetailPage'),
  pendingComponent: () => <LoadingState label="Loading the rule…" />,
});
const editRuleRoute = createRoute({
  getParentRoute: () => ruleRoute,
  path: '/edit',
  component: lazyRouteComponent(() => import('./features/rules/rule-edit.page.tsx'), 'EditRulePage'),
  pendingComponent: () => <LoadingState />,
});
const settingsRoute = createRoute({ getParentRoute: () => orgRoute, path: '/settings', component: SettingsLayout });
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  component: function SettingsIndex() {
    return <Navigate to="/orgs/$orgId/settings/profile" from="/orgs/$orgId/settings" params={(p) => p} replace />;
  },
});
const profileRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/profile', component: ProfilePage });
const securityRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/security', component: SecurityPage });
const organizationRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/organization', component: OrganizationPage });
const membersRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/members', component: MembersPage });
const apiKeysRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/api-keys', component: ApiKeysPage });
const notificationSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/notifications',
  component: lazyRouteComponent(() => import('./features/notifications/notification-settings.page.tsx'), 'NotificationSettingsPage'),
});
const automationSafetyRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/automation-safety',
  component: lazyRouteComponent(() => import('./features/settings/automation-safety.page.tsx'), 'AutomationSafetyPage'),
});
const aiSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/ai',
  component: lazyRouteComponent(() => import('./features/ai/ai-settings.page.tsx'), 'AiSettingsPage'),
});
const aiUsageRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/ai-usage',
  component: lazyRouteComponent(() => import('./features/ai/ai-usage.page.tsx'), 'AiUsagePage'),
});
const copyHistoryRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/copy-history', component: lazyRouteComponent(() => import('./features/copy/copy-history.page.tsx'), 'CopyHistoryPage') });
const slackRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/slack', component: lazyRouteComponent(() => import('./features/slack/slack.page.tsx'), 'SlackPage'), validateSearch: pickStrings('connected', 'error') });
const webhooksRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/webhooks', component: lazyRouteComponent(() => import('./features/webhooks/webhooks.page.tsx'), 'WebhooksPage') });
const billingRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/billing', component: lazyRouteComponent(() => import('./features/billing/billing.page.tsx'), 'BillingPage') });
const yourDataRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/your-data', component: lazyRouteComponent(() => import('./features/settings/privacy.page.tsx'), 'PrivacyPage') });
const organizationDataRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/organization-data', component: lazyRouteComponent(() => import('./features/settings/organization-data.page.tsx'), 'OrganizationDataPage') });
const auditLogRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/audit-log',
  component: lazyRouteComponent(() => import('./features/settings/audit-log.page.tsx'), 'AuditLogPage'),
  validateSearch: pickStrings('action', 'actorType', 'targetType', 'from', 'to'),
});

const routeTree = rootRoute.addChildren([
  ...legalRoutes,
  opsRoute.addChildren([opsTenantsRoute, opsTenantRoute, opsSystemRoute, opsOperatorsRoute]),
  indexRoute,
  signUpRoute,
  checkEmailRoute,
  verifyEmailRoute,
  signInRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  confirmEmailRoute,
  acceptInvitationRoute,
  unsubscribeRoute,
  googleSignInRoute,
  linkGoogleRoute,
  confirmGoogleLinkRoute,
  mailboxRoute,
  onboardingRoute,
  connectFailedRoute,
  clientReportRoute,
  orgRoute.addChildren([
    orgIndexRoute,
    dashboardRoute,
    campaignsRoute.addChildren([campaignsIndexRoute, newCampaignRoute, importRoute, campaignDetailRoute]),
    connectionsRoute,
    approvalsRoute,
    insightsRoute,
    reportsRoute,
    rulesRoute.addChildren([rulesIndexRoute, ruleTemplatesRoute, newRuleRoute, ruleRoute.addChildren([ruleDetailRoute, editRuleRoute])]),
    settingsRoute.addChildren([
      settingsIndexRoute,
      profileRoute,
      securityRoute,
      notificationSettingsRoute,
      organizationRoute,
      membersRoute,
      apiKeysRoute,
      automationSafetyRoute,
      aiSettingsRoute,
      aiUsageRoute,
      copyHistoryRoute,
      auditLogRoute,
      webhooksRoute,
      slackRoute,
      billingRoute,
      yourDataRoute,
      organizationDataRoute,
    ]),
  ]),
]);

/** Search params stay plain strings (no JSON parsing), so tokens arrive exactly as emailed. */
function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const router = createRouter({ routeTree, parseSearch, stringifySearch, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
