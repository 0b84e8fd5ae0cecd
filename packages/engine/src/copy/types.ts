import type { BrandVoice, CopyBrief } from '@adloop/contracts';

/** What copy is checked against besides the platform's rules. */
export interface CopyContext {
  voice: BrandVoice;
  brief: CopyBrief;
  /** Competitors' names and trademarks: a text carrying one is flagged for review. */
  competitors?: readonly string[] | undefined;
  /** The landing page backs superlatives ("#1", "best") with a source: they pass without a warning. */
  claimsSubstantiated?: boolean | undefined;
  /** How many headlines should carry one of the brief's keywords (default 3, or every headline when fewer). */
  keywordHeadlines?: number | undefined;
}
