import { and, asc, count, eq, gt, inArray, ne } from 'drizzle-orm';
import { platformSecrets, type Db, type SecretPurpose } from '@adloop/db';
import { open, rewrap, seal, type Keyring, type SealedSecret } from '../../platform/vault/envelope.ts';

/** What a sealed platform token is bound to: the ciphertext opens only for this exact owner. */
export const secretAad = (orgId: string, connectionId: string, purpose: SecretPurpose) => `org:${orgId}|connection:${connectionId}|${purpose}`;

/** Platform tokens at rest. Plaintext exists only in memory, between `put`/`get` and the adapter call. */
export function createSecretsRepository(db: Db, keyring: Keyring) {
  return {
    async put(orgId: string, connectionId: string, purpose: SecretPurpose, plaintext: string, at: Date): Promise<void> {
      const sealed = seal(keyring, plaintext, secretAad(orgId, connectionId, purpose));
      await db
        .insert(platformSecrets)
        .values({ orgId, connectionId, purpose, ...sealed, updatedAt: at })
        .onConflictDoUpdate({ target: [platformSecrets.connectionId, platformSecrets.purpose], set: { ...sealed, updatedAt: at } });
    },

    async get(orgId: string, connectionId: string, purpose: SecretPurpose): Promise<string | null> {
      const [row] = await db
        .select()
        .from(platformSecrets)
        .where(and(eq(platformSecrets.orgId, orgId), eq(platformSecrets.connectionId, connectionId), eq(platformSecrets.purpose, purpose)))
        .limit(1);
      return row ? open(keyring, row, secretAad(orgId, connectionId, purpose)) : null;
    },

    /** Several of a connection's secrets in one read; a purpose with nothing stored is left out. */
    async getMany(orgId: string, connectionId: string, purposes: readonly SecretPurpose[]): Promise<Map<SecretPurpose, string>> {
      const rows = await db
        .select()
        .from(platformSecrets)
        .where(and(eq(platformSecrets.orgId, orgId), eq(platformSecrets.connectionId, connectionId), inArray(platformSecrets.purpose, [...purposes])));
      return new Map(rows.map((row) => [row.purpose, open(keyring, row, secretAad(orgId, connectionId, row.purpose))]));
    },

    async deleteAll(orgId: string, connectionId: string): Promise<void> {
      await db.delete(platformSecrets).where(and(eq(platformSecrets.orgId, orgId), eq(platformSecrets.connectionId, connectionId)));
    },
  };
}

export interface RotationProgress {
  rewrapped: number;
  remaining: number;
}

/**
 * Re-wraps every secret not on the current key version, `batchSize` rows at a time (system-wide
 * maintenance, so not org-scoped). Each row is updated only if its version is still the one read
 * (compare-and-set), so the run is idempotent and can be stopped and resumed at any point.
 */
export async function rotateSecrets(db: Db, keyring: Keyring, options: { batchSize?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<RotationProgress> {
  const batchSize = options.batchSize ?? 100;
  const outdated = ne(platformSecrets.keyVersion, keyring.currentVersion);
  const countOutdated = async () => Number((await db.select({ n: count() }).from(platformSecrets).where(outdated))[0]?.n ?? 0);
  let rewrapped = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.select().from(platformSecrets).where(and(outdated, gt(platformSecrets.id, afterId))).orderBy(asc(platformSecrets.id)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const next: SealedSecret = rewrap(keyring, row, secretAad(row.orgId, row.connectionId, row.purpose));
      const updated = await db
        .update(platformSecrets)
        .set({ wrappedKey: next.wrappedKey, keyVersion: next.keyVersion })
        .where(and(eq(platformSecrets.id, row.id), eq(platformSecrets.keyVersion, row.keyVersion)))
        .returning({ id: platformSecrets.id });
      rewrapped += updated.length;
      afterId = row.id;
    }
    options.onProgress?.({ rewrapped, remaining: await countOutdated() });
  }
  return { rewrapped, remaining: await countOutdated() };
}
