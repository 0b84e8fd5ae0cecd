import { startSandbox } from './control/start-sandbox.ts';
import { startLlmSandbox } from './llm/llm-sandbox.ts';
import { loadSandboxConfig, SandboxConfigError } from './config.ts';

/** `npm run sandbox`: the three platform sandboxes, the control API and the LLM sandbox, until Ctrl-C. */
let config;
try {
  config = loadSandboxConfig();
} catch (error) {
  if (!(error instanceof SandboxConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { seed, clock, ports, llmPort } = config;
const sandbox = await startSandbox({ seed, clock, ports });
const llm = await startLlmSandbox({ seed, port: llmPort });
process.stdout.write(`Adloop sandbox (seed ${seed}, clock ${clock === undefined ? 'real time' : new Date(clock).toISOString()})\n`);
for (const [name, url] of Object.entries(sandbox.urls)) process.stdout.write(`  ${name.padEnd(10)} ${url}\n`);
for (const name of ['openai', 'anthropic'] as const) process.stdout.write(`  ${name.padEnd(10)} ${llm.urls[name]}\n`);
const stop = (): void => {
  void Promise.all([sandbox.close(), llm.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
