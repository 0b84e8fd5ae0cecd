import { startSandbox } from './control/start-sandbox.ts';

/** `npm run sandbox`: the three platform sandboxes and the control API, until Ctrl-C. */
const port = (name: string): number => Number(process.env[name] ?? 0);
const seed = Number(process.env.SANDBOX_SEED ?? 42);
const clock = process.env.SANDBOX_START ? Date.parse(process.env.SANDBOX_START) : undefined;

const sandbox = await startSandbox({
  seed,
  clock,
  ports: { googleAds: port('SANDBOX_GOOGLE_PORT'), meta: port('SANDBOX_META_PORT'), tiktok: port('SANDBOX_TIKTOK_PORT'), control: port('SANDBOX_CONTROL_PORT') },
});
process.stdout.write(`Adloop sandbox (seed ${seed}, clock ${clock === undefined ? 'real time' : new Date(clock).toISOString()})\n`);
for (const [name, url] of Object.entries(sandbox.urls)) process.stdout.write(`  ${name.padEnd(10)} ${url}\n`);
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
