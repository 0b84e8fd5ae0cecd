import { startSandbox } from './control/start-sandbox.ts';
import { startLlmSandbox } from './llm/llm-sandbox.ts';
import { startStripeSandbox } from './stripe/stripe-sandbox.ts';
import { startSlackSandbox } from './slack/slack-sandbox.ts';
import { loadSandboxConfig, SandboxConfigError } from './config.ts';

/** `npm run sandbox`: the three platform sandboxes, the control API, the LLM sandbox and the Slack sandbox, until Ctrl-C. */
let config;
try {
  config = loadSandboxConfig();
} catch (error) {
  if (!(error instanceof SandboxConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { seed, clock, ports, llmPort, slackPort, stripePort, stripeSecretKey, latencyMs } = config;
const latency = { latencyMs };
const sandbox = await startSandbox({ seed, clock, ports, settings: { google: latency, meta: latency, tiktok: latency } });
const llm = await startLlmSandbox({ seed, port: llmPort });
const stripe = await startStripeSandbox({ seed, port: stripePort, settings: { secretKey: stripeSecretKey }, ...(clock === undefined ? {} : { start: clock }) });
const slack = await startSlackSandbox({ port: slackPort });
process.stdout.write(`Adloop sandbox (seed ${seed}, clock ${clock === undefined ? 'real time' : new Date(clock).toISOString()})\n`);
for (const [name, url] of Object.entries(sandbox.urls)) process.stdout.write(`  ${name.padEnd(10)} ${url}\n`);
for (const name of ['openai', 'anthropic'] as const) process.stdout.write(`  ${name.padEnd(10)} ${llm.urls[name]}\n`);
process.stdout.write(`  ${'stripe'.padEnd(10)} ${stripe.url} (key ${stripeSecretKey})\n`);
process.stdout.write(`  ${'slack'.padEnd(10)} ${slack.urls.page} (API ${slack.urls.api})\n`);
const stop = (): void => {
  void Promise.all([sandbox.close(), llm.close(), slack.close(), stripe.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
