export { checkLandingPage, LANDING_PAGE_DEFAULTS, type LandingPageOptions, type LandingPageResult } from './landing-page.ts';
export { blockedAddressReason } from './ip-ranges.ts';
export { checkLandingUrl } from './url-policy.ts';
export type { Resolver, ResolvedAddress } from './resolver.ts';
export type { Connector, Hop } from './transport.ts';
