/** Types of the AI settings and usage API, inferred from the shared contract (type-only: no schema reaches the browser). */
import type { z } from 'zod';
import type * as c from '@adloop/contracts';

export type AiSettings = z.infer<typeof c.AiSettings>;
export type AiSettingsBody = z.input<typeof c.AiSettingsBody>;
export type AiUsage = z.infer<typeof c.AiUsage>;
export type AiCall = z.infer<typeof c.AiCall>;
export type AiFeature = z.infer<typeof c.AiFeature>;
