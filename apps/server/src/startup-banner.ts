import type { PlatformId } from '@adloop/contracts';
import type { LlmSandboxUrls, SandboxUrls, SlackSandboxUrls } from '@adloop/sandbox';
import type { DemoAccountState } from './modules/demo/demo-credentials.ts';

export interface BannerFacts {
  /** PUBLIC_URL, or null for a process without the HTTP API. */
  publicUrl: string | null;
  hasDevMailbox: boolean;
  sandboxUrls: SandboxUrls | null;
  /** The LLM sandbox, when this process runs it (sandbox mode without provider keys). */
  llmSandboxUrls?: LlmSandboxUrls | null;
  /** The Slack sandbox, when this process runs it (sandbox mode without a Slack app). */
  slackSandboxUrls?: SlackSandboxUrls | null;
  /** False: no AI provider is configured (production mode without a key); copy comes from templates. */
  aiAvailable?: boolean;
  /** Platforms the demo organisation was connected to on this start (first start only). */
  demoPlatforms: PlatformId[];
  demo: DemoAccountState;
}

/**
 * What `adloop start` prints once it is ready. The demo sign-in is printed on every start and
 * comes last, so it is the line a person sees without scrolling.
 */
export function startupBanner(facts: BannerFacts): string {
  const lines = [''];
  if (facts.publicUrl) lines.push(`  Adloop is running at ${facts.publicUrl}`, `  API docs: ${facts.publicUrl}/api/docs`);
  else lines.push('  Adloop worker is running');
  if (facts.publicUrl && facts.hasDevMailbox) lines.push(`  Emails are caught locally: ${facts.publicUrl}/dev/mailbox`);
  if (facts.sandboxUrls) {
    const urls = facts.sandboxUrls;
    lines.push(`  Ad-platform sandboxes: Google Ads ${urls.googleAds}, Meta ${urls.meta}, TikTok ${urls.tiktok} (control ${urls.control})`);
    if (urls.web) lines.push(`  Landing-page sandbox (advertisers' sites for the landing-page checks): ${urls.web}`);
    if (urls.webhooks) lines.push(`  Webhook receiver sandbox (make an endpoint there, add its URL in Settings › Webhooks): ${urls.webhooks}`);
  }
  if (facts.llmSandboxUrls) lines.push(`  LLM sandbox: OpenAI ${facts.llmSandboxUrls.openai}, Anthropic ${facts.llmSandboxUrls.anthropic} (control ${facts.llmSandboxUrls.control})`);
  if (facts.slackSandboxUrls) lines.push(`  Slack sandbox: posted messages ${facts.slackSandboxUrls.page} (Web API ${facts.slackSandboxUrls.api})`);
  if (facts.aiAvailable === false) lines.push('  AI: no provider key (OPENAI_API_KEY or ANTHROPIC_API_KEY); suggested copy comes from templates');
  if (facts.demoPlatforms.length) lines.push(`  Demo Agency is connected to the ${facts.demoPlatforms.length} sandboxes; their first syncs are running.`);
  if (facts.publicUrl && facts.demo.kind === 'ready') {
    lines.push(`  Demo sign-in: ${facts.demo.signIn.email} / ${facts.demo.signIn.password}   (open ${facts.publicUrl}/sign-in)`);
  }
  if (facts.publicUrl && facts.demo.kind === 'changed') lines.push(`  Demo sign-in: ${facts.demo.email} with the password you gave it`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}
