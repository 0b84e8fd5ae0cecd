import { startSandbox } from './control/start-sandbox.ts';
import { loadSandboxConfig, SandboxConfigError } from './config.ts';

/** `npm run sandbox`: the three platform sandboxes and the control API, until Ctrl-C. */
let config;
try {
  config = loadSandboxConfig();
} catch (error) {
  if (!(error instanceof SandboxConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { seed, clock, ports } = config;
const sandbox = await startSandbox({ seed, clock, ports });
process.stdout.write(`Adloop sandbox (seed ${seed}, clock ${clock === undefined ? 'real time' : new Date(clock).toISOString()})\n`);
for (const [name, url] of Object.entries(sandbox.urls)) process.stdout.write(`  ${name.padEnd(10)} ${url}\n`);
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
