import type { CopyPolicy, Severity } from './policy.ts';

/** A kind of claim the platforms restrict, and the phrases that make it. */
export interface ClaimRule {
  id: string;
  /** Fixed severity, or the policy entry that sets it per platform. */
  severity: Severity | keyof Pick<CopyPolicy, 'superlatives' | 'personalAttributes'>;
  patterns: readonly RegExp[];
  message: (found: string) => string;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const phrase = (body: string) => new RegExp(`${B}(?:${body})${E}`, 'iu');

/**
 * Health cures and financial guarantees are disapproved everywhere (Google: unreliable and misleading
 * claims; Meta and TikTok: unrealistic outcomes). Superlatives ("#1", "best") need proof the platform can
 * see, so they warn unless the caller says the claim is substantiated. Meta and TikTok refuse ads that
 * assert a personal attribute ("Are you diabetic?" is refused; "Meet other Christians" is fine).
 */
export const CLAIM_RULES: readonly ClaimRule[] = [
  {
    id: 'claim.health',
    severity: 'block',
    patterns: [
      phrase('cures?|cured|miracle (?:cure|pill|diet|treatment)'),
      phrase('(?:heals?|treats?|prevents?|reverses?|eliminates?) (?:cancer|diabetes|depression|anxiety|arthritis|covid(?:-19)?|disease|hair loss|obesity|infections?)'),
      phrase('lose \\d+ ?(?:lbs?|pounds|kg|kilos|stone)(?: in \\d+ \\w+)?|guaranteed weight loss|burn fat fast|lose weight fast|without (?:diet|dieting) or exercise'),
    ],
    message: (found) => `“${found}” is a health claim the platforms refuse.`,
  },
  {
    id: 'claim.financial',
    severity: 'block',
    patterns: [
      phrase('guaranteed (?:returns?|profits?|income|earnings|approval|loans?|credit|money|payouts?|wins?|winnings)'),
      phrase('(?:returns?|profits?|income|earnings|approval) (?:are |is )?guaranteed'),
      phrase('risk[- ]free (?:investments?|investing|returns?|trading|profits?|income)'),
      phrase('get rich(?: quick| fast)?|double your (?:money|investment|income)|100% approval|no credit check'),
    ],
    message: (found) => `“${found}” promises a financial outcome the platforms refuse.`,
  },
  {
    id: 'claim.superlative',
    severity: 'superlatives',
    patterns: [
      /(?<![\p{L}\p{N}])#1(?![\p{N}])/u,
      phrase('no\\.? ?1|number one|best|top[- ]rated|cheapest|lowest prices?|unbeatable|world[’\']?s (?:first|leading|largest|favou?rite)|clinically proven|fda[- ]approved'),
    ],
    message: (found) => `“${found}” needs proof on the landing page (a source or award) before the platforms accept it.`,
  },
  {
    id: 'claim.personal-attribute',
    severity: 'personalAttributes',
    patterns: [
      phrase("(?:are you|you are|you're|you’re)(?: \\p{L}+){0,3} (?:overweight|obese|fat|depressed|anxious|diabetic|pregnant|gay|lesbian|bisexual|christian|muslim|jewish|hindu|buddhist|atheist|bankrupt|in debt|broke|divorced|disabled|sick|ill|infertile|unemployed)"),
      phrase('(?:do you have|do you suffer from|struggling with|suffering from) (?:diabetes|cancer|depression|anxiety|bad credit|debt|hiv|herpes|acne|erectile dysfunction|obesity)'),
    ],
    message: (found) => `“${found}” asserts a personal attribute of the reader; speak about the product instead.`,
  },
];

/** The claim rules a text breaks, with the phrase found and the severity on this platform. */
export function findClaims(text: string, policy: CopyPolicy, substantiated: boolean): Array<{ rule: ClaimRule; found: string; severity: Severity }> {
  const found: Array<{ rule: ClaimRule; found: string; severity: Severity }> = [];
  for (const rule of CLAIM_RULES) {
    const severity = rule.severity === 'block' || rule.severity === 'warn' ? rule.severity : policy[rule.severity];
    if (severity === null || (rule.id === 'claim.superlative' && substantiated)) continue;
    for (const pattern of rule.patterns) {
      const match = pattern.exec(text);
      if (match) {
        found.push({ rule, found: match[0], severity });
        break;
      }
    }
  }
  return found;
}
