export { startSmtpSink, type CaughtMessage, type SmtpSink } from './smtp/smtp-sink.ts';
export { startSandbox, type RunningSandbox, type SandboxUrls, type StartSandboxOptions } from './control/start-sandbox.ts';
export { DEFAULT_SETTINGS, type SandboxSettings, type SandboxSettingsInput } from './sandbox-options.ts';
export { createSimClock, type SimClock } from './simulator/sim-clock.ts';
export { submitConsentForm } from './oauth/consent-client.ts';
export * from './llm/index.ts';
