/** The legal pages, one chunk loaded when the first of them is opened. */
export { PrivacyPage, TermsPage } from './policies.page.tsx';
export { CookiesPage } from './cookies.page.tsx';
export { SecurityPolicyPage } from './security.page.tsx';
export { DataResidencyPage } from './data-residency.page.tsx';
