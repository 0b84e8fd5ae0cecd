export { startSlackSandbox, type RunningSlackSandbox, type SlackSandboxUrls, type StartSlackSandboxOptions } from './slack-sandbox.ts';
export { SLACK_SANDBOX_CLIENT_ID, SLACK_SANDBOX_CLIENT_SECRET } from './slack-state.ts';
