export { startStripeSandbox, type RunningStripeSandbox, type StartStripeSandboxOptions } from './stripe-sandbox.ts';
export { DEFAULT_STRIPE_SETTINGS, type StripeSandboxSettings } from './stripe-state.ts';
