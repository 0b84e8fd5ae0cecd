import { eq } from 'drizzle-orm';
import { aiSettings, type Db } from '@adloop/db';
import { BrandVoice } from '@adloop/contracts';

export interface StoredAiSettings {
  brandVoice: BrandVoice;
  /** The organisation's own monthly cap (micros of USD); null: the server's default allowance. */
  monthlyCapMicros: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const EMPTY_VOICE: BrandVoice = { tone: [], requiredTerms: [], bannedTerms: [], messageRestrictions: [] };

/** An organisation's AI settings; an organisation that never saved any has an empty brand voice and no cap of its own. */
export async function getAiSettings(db: Db, orgId: string): Promise<StoredAiSettings> {
  const [row] = await db.select().from(aiSettings).where(eq(aiSettings.orgId, orgId));
  if (!row) return { brandVoice: EMPTY_VOICE, monthlyCapMicros: null, updatedAt: null, updatedBy: null };
  // A stored voice written by an older shape still reads: unknown keys drop, missing lists are empty.
  const voice = BrandVoice.safeParse(row.brandVoice ?? {});
  return { brandVoice: voice.success ? voice.data : EMPTY_VOICE, monthlyCapMicros: row.monthlyCapMicros, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

export async function saveAiSettings(db: Db, orgId: string, values: { brandVoice: BrandVoice; monthlyCapMicros: number | null }, at: Date, by: string): Promise<void> {
  await db
    .insert(aiSettings)
    .values({ orgId, brandVoice: values.brandVoice, monthlyCapMicros: values.monthlyCapMicros, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: aiSettings.orgId, set: { brandVoice: values.brandVoice, monthlyCapMicros: values.monthlyCapMicros, updatedAt: at, updatedBy: by } });
}
