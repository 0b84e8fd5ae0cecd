import type { SandboxUrls } from './control/start-sandbox.ts';

/** The stand-alone sandbox's settings (`npm run sandbox`): the only reader of its environment. */
export interface SandboxCliConfig {
  seed: number;
  /** A fixed start instant (ms), or undefined for real time. */
  clock: number | undefined;
  ports: Record<keyof SandboxUrls, number>;
  /** The LLM sandbox's port (both wire formats on one server); 0 = random. */
  llmPort: number;
  /** The Slack sandbox's port (Web API, install page, posted messages); 0 = random. */
  slackPort: number;
  /** The Stripe sandbox's port (0 = random) and the one secret key it accepts. */
  stripePort: number;
  stripeSecretKey: string;
  /** Round trip added to every answer of the three ad platforms, ms (0 = none). */
  latencyMs: number;
}

export class SandboxConfigError extends Error {}

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxCliConfig {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > max) problems.push(`${name}: must be a whole number from 0 to ${max}`);
    return value;
  };
  const seed = integer('SANDBOX_SEED', 42, 2 ** 31 - 1);
  const port = (name: string) => integer(name, 0, 65535);
  const ports = { googleAds: port('SANDBOX_GOOGLE_PORT'), meta: port('SANDBOX_META_PORT'), tiktok: port('SANDBOX_TIKTOK_PORT'), control: port('SANDBOX_CONTROL_PORT'), web: port('SANDBOX_WEB_PORT'), webhooks: port('SANDBOX_WEBHOOKS_PORT') };
  const llmPort = port('SANDBOX_LLM_PORT');
  const stripePort = port('SANDBOX_STRIPE_PORT');
  const stripeSecretKey = env.SANDBOX_STRIPE_SECRET_KEY || 'sk_test_sandbox';
  if (!/^sk_test_\w+$/.test(stripeSecretKey)) problems.push('SANDBOX_STRIPE_SECRET_KEY: must look like sk_test_…');
  const slackPort = port('SANDBOX_SLACK_PORT');
  const latencyMs = integer('SANDBOX_LATENCY_MS', 0, 60_000);
  const start = env.SANDBOX_START;
  const clock = start ? Date.parse(start) : undefined;
  if (clock !== undefined && Number.isNaN(clock)) problems.push('SANDBOX_START: must be an ISO date-time like 2026-06-15T12:00:00Z');
  if (problems.length) throw new SandboxConfigError(`Invalid sandbox configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { seed, clock, ports, llmPort, slackPort, stripePort, stripeSecretKey, latencyMs };
}
