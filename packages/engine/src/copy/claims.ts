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

/** Attributes Meta lists (religion, sexual orientation, health, financial status, …) as words an ad may not pin on its reader. */
const ATTRIBUTE = "christians?|muslims?|jews|jewish|hindus?|buddhists?|catholics?|atheists?|gays?|lesbians?|bisexuals?|transgender|disabled|divorced|diabetics?|pregnant|overweight|obese|depressed|bankrupt|unemployed|seniors";
/** Soon, as promised results are timed: "right away", "overnight", "in 7 days". */
const SOON = '(?:right away|overnight|instantly|immediately|in (?:just |only )?(?:\\d+|one|two|three|five|seven|ten|a few) (?:seconds?|minutes?|hours?|days?))';

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
      phrase('eat (?:whatever|anything) you want and (?:still )?lose'),
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
      // TikTok: "Get money in 10 seconds."; "Make $500/day".
      phrase(`(?:get|make|earn|receive) (?:money|cash|\\p{Sc} ?\\d[\\d,.]*k?|\\d[\\d,.]*k? ?(?:dollars|euros|pounds))(?: \\p{L}+){0,3} ${SOON}`),
      phrase('(?:make|earn) \\p{Sc} ?\\d[\\d,.]*k? ?(?:/ ?|a |an |per )(?:day|hour|week)'),
    ],
    message: (found) => `“${found}” promises a financial outcome the platforms refuse.`,
  },
  {
    id: 'claim.instant-results',
    severity: 'block',
    patterns: [
      // TikTok: "Get slim legs right away."; "Clear acne overnight".
      phrase(`(?:slim|slimmer|thin|thinner|flat|flatter|toned|tighter|firmer|clear|clearer|smooth|smoother|younger|flawless|perfect|erase|remove|banish)(?: \\p{L}+)? (?:legs|thighs|belly|stomach|tummy|waist|skin|face|body|abs|arms|acne|pimples|wrinkles|complexion|cellulite)(?: \\p{L}+){0,3} ${SOON}`),
    ],
    message: (found) => `“${found}” promises a result the product cannot guarantee; the platforms refuse exaggerated effects.`,
  },
  {
    id: 'claim.superlative',
    severity: 'superlatives',
    patterns: [
      /(?<![\p{L}\p{N}])#1(?![\p{N}])/u,
      phrase('no\\.? ?1|number (?:one|1)|best|top[- ]rated|cheapest|lowest prices?|unbeatable|world[’\']?s (?:first|leading|largest|favou?rite)|clinically proven|fda[- ]approved'),
    ],
    message: (found) => `“${found}” needs proof on the landing page (a source or award) before the platforms accept it.`,
  },
  {
    id: 'claim.personal-attribute',
    severity: 'personalAttributes',
    patterns: [
      phrase("(?:are you|you are|you're|you’re)(?: \\p{L}+){0,3} (?:overweight|obese|fat|depressed|anxious|diabetic|pregnant|gay|lesbian|bisexual|christian|muslim|jewish|hindu|buddhist|atheist|bankrupt|in debt|broke|divorced|disabled|sick|ill|infertile|unemployed)"),
      phrase('(?:do you have|do you suffer from|struggling with|suffering from) (?:diabetes|cancer|depression|anxiety|bad credit|debt|hiv|herpes|acne|erectile dysfunction|obesity)'),
      // Meta: "Meet other Jewish singles!" implies the reader's religion.
      phrase(`(?:meet|date|find|connect with|chat with) other (?:\\p{L}+ )?(?:${ATTRIBUTE})`),
      // Meta: "…people like you who just turned 62" implies the reader's exact age.
      phrase('(?:people|someone|those) like you who (?:just )?turned \\d+|you(?:\'ve| have)? just turned \\d+'),
      phrase('(?:have you been|were you|you(?:\'ve| have) been|you were) diagnosed with'),
    ],
    message: (found) => `“${found}” asserts a personal attribute of the reader; speak about the product instead.`,
  },
  {
    id: 'claim.negative-self-perception',
    severity: 'personalAttributes',
    patterns: [
      // Meta, Personal Health and Appearance: ads must not make people feel bad about how they look.
      phrase("(?:tired of|sick of|hate|embarrassed by|ashamed of|unhappy with) (?:your|that|those) (?:\\p{L}+ )?(?:belly|fat|weight|wrinkles|acne|muffin top|love handles|cellulite|body|thighs|double chin|bald spot)"),
    ],
    message: (found) => `“${found}” plays on how the reader feels about their body; the platforms refuse that.`,
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

/**
 * The text without its unproven superlatives ("The #1 Green Tea Shop" → "The Green Tea Shop"): what is
 * left still describes the product, so a platform that refuses them gets the text rather than nothing.
 */
export function removeSuperlatives(text: string): string {
  return SUPERLATIVES_ALL.reduce((out, pattern) => out.replace(pattern, ' '), text);
}

const SUPERLATIVES_ALL = (CLAIM_RULES.find((r) => r.id === 'claim.superlative')?.patterns ?? []).map((p) => new RegExp(p.source, 'giu'));
