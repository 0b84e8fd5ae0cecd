import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { copyGenerations, type Db } from '@adloop/db';
import type { BrandVoice, CopyBrief, CopyPlatformResult, CopyPromptCall, CopyUsage, LandingPageCheck } from '@adloop/contracts';
import type { z } from 'zod';

/** What `copy_generations.result` holds: each platform's variations, and what the AI calls cost together. */
export interface StoredResult {
  platforms: CopyPlatformResult[];
  /** Null for template copy. */
  usage: CopyUsage | null;
  /** The metered calls (ai_usage rows): the first generation, then each regeneration. */
  usageIds: string[];
  /** Regenerations so far: each asks the model with a new attempt number, so it writes afresh. */
  attempts: number;
}

export type StoredPrompt = Array<z.infer<typeof CopyPromptCall>>;

export type CopyGenerationRow = typeof copyGenerations.$inferSelect;

export interface NewGeneration {
  orgId: string;
  userId: string | null;
  userLabel: string | null;
  source: 'ai' | 'template';
  provider: string | null;
  model: string | null;
  platforms: string[];
  brief: CopyBrief;
  brandVoice: BrandVoice;
  prompt: StoredPrompt;
  result: StoredResult;
  landingPage: LandingPageCheck | null;
  adGroupId: string | null;
  usageId: string | null;
  at: Date;
}

export async function insertGeneration(db: Db, g: NewGeneration): Promise<CopyGenerationRow> {
  const [row] = await db
    .insert(copyGenerations)
    .values({
      orgId: g.orgId, userId: g.userId, userLabel: g.userLabel, source: g.source, provider: g.provider, model: g.model, status: 'ready',
      platforms: g.platforms, brief: g.brief, brandVoice: g.brandVoice, prompt: g.prompt, result: g.result, landingPage: g.landingPage,
      adGroupId: g.adGroupId, usageId: g.usageId, createdAt: g.at, updatedAt: g.at,
    })
    .returning();
  if (!row) throw new Error('copy generation insert returned nothing');
  return row;
}

export async function findGeneration(db: Db, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CopyGenerationRow | null> {
  const query = db.select().from(copyGenerations).where(and(eq(copyGenerations.orgId, orgId), eq(copyGenerations.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Newest first; `after` is the last row's (createdAt, id). */
export async function listGenerations(db: Db, orgId: string, limit: number, after: [string, string] | null, adGroupId?: string): Promise<CopyGenerationRow[]> {
  const keyset = after ? or(lt(copyGenerations.createdAt, new Date(after[0])), and(eq(copyGenerations.createdAt, new Date(after[0])), lt(copyGenerations.id, after[1]))) : undefined;
  return db
    .select()
    .from(copyGenerations)
    .where(and(eq(copyGenerations.orgId, orgId), adGroupId ? eq(copyGenerations.adGroupId, adGroupId) : undefined, keyset))
    .orderBy(desc(copyGenerations.createdAt), desc(copyGenerations.id))
    .limit(limit + 1);
}

/** A regeneration's result; `writtenBy` when a model wrote it (a template generation regenerated with a provider becomes AI copy). */
export async function updateGeneration(db: Db, orgId: string, id: string, patch: { result: StoredResult; prompt: StoredPrompt; writtenBy?: { provider: string | null; model: string | null }; at: Date }): Promise<CopyGenerationRow> {
  const [row] = await db
    .update(copyGenerations)
    .set({ result: patch.result, prompt: patch.prompt, updatedAt: patch.at, ...(patch.writtenBy ? { source: 'ai', provider: patch.writtenBy.provider, model: patch.writtenBy.model } : {}) })
    .where(and(eq(copyGenerations.orgId, orgId), eq(copyGenerations.id, id)))
    .returning();
  if (!row) throw new Error('copy generation update returned nothing');
  return row;
}

/** Adds proposals to the generation's published list (each id once). */
export async function addPublishedChanges(db: Db, orgId: string, id: string, changeIds: readonly string[], at: Date): Promise<void> {
  if (changeIds.length === 0) return;
  await db
    .update(copyGenerations)
    .set({
      publishedChangeIds: sql`(select coalesce(jsonb_agg(distinct v), '[]'::jsonb) from jsonb_array_elements(${copyGenerations.publishedChangeIds} || ${JSON.stringify(changeIds)}::jsonb) as t(v))`,
      updatedAt: at,
    })
    .where(and(eq(copyGenerations.orgId, orgId), eq(copyGenerations.id, id)));
}

/** Retention: deletes generations created before `cutoff`, at most `batch` at a time; returns how many went. */
export async function deleteGenerationsBefore(db: Db, cutoff: Date, batch: number): Promise<number> {
  const oldest = db.select({ id: copyGenerations.id }).from(copyGenerations).where(lt(copyGenerations.createdAt, cutoff)).limit(batch);
  const deleted = await db.delete(copyGenerations).where(inArray(copyGenerations.id, oldest)).returning({ id: copyGenerations.id });
  return deleted.length;
}
