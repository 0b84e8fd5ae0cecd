import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { apiKeys, type ApiKeyScope, type Db } from '@adloop/db';

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scope: apiKeys.scope,
  prefix: apiKeys.prefix,
  createdBy: apiKeys.createdBy,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

/** An API key without its hash: nothing outside this file and the guard reads `keyHash`. */
export interface ApiKeyRow {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** SQL for `api_keys`. `orgId` first in every method. */
export function createApiKeysRepository(db: Db) {
  return {
    /**
     * Active keys, newest first, by (createdAt, id). `createdAt` is written by `insert` from the
     * app clock (millisecond precision), so a cursor's timestamp matches the stored value exactly.
     */
    async listActive(orgId: string, page: { before: readonly [Date, string] | null; limit: number }): Promise<ApiKeyRow[]> {
      const before = page.before
        ? or(lt(apiKeys.createdAt, page.before[0]), and(eq(apiKeys.createdAt, page.before[0]), lt(apiKeys.id, page.before[1])))
        : undefined;
      return db
        .select(columns)
        .from(apiKeys)
        .where(and(eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt), before))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
        .limit(page.limit);
    },

    async insert(
      orgId: string,
      values: { name: string; scope: ApiKeyScope; prefix: string; keyHash: string; createdBy: string | null; createdAt: Date },
    ): Promise<ApiKeyRow> {
      const [row] = await db.insert(apiKeys).values({ orgId, ...values }).returning(columns);
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      return row;
    },

    /** Revokes an active key; null when there is no such active key in this organisation. */
    async revoke(orgId: string, keyId: string, now: Date): Promise<ApiKeyRow | null> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
        .returning(columns);
      return row ?? null;
    },
  };
}
