import type { BrandVoice, CopyBrief } from '@adloop/contracts';
import type { CopyContext } from './types.ts';

/** A brief and brand voice for tests: a tea shop. */
export const TEA_BRIEF: CopyBrief = {
  product: 'Kyoto Green Tea',
  offer: '20% off your first order',
  audience: 'tea lovers',
  keywords: ['green tea', 'matcha'],
  landingPage: 'https://tea.example.com/green',
  language: 'en',
};

export const TEA_VOICE: BrandVoice = { tone: ['calm', 'expert'], requiredTerms: [], bannedTerms: ['cheap'], messageRestrictions: [] };

export const teaContext = (overrides: Partial<CopyContext> = {}): CopyContext => ({ voice: TEA_VOICE, brief: TEA_BRIEF, ...overrides });
