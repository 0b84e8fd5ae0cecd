import { z } from 'zod';
import type { ApiKey, ApiKeyScope } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { assertApiAccess } from '../billing/limits.ts';
import { emitNotification } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { createApiKeysRepository, type ApiKeyRow } from './api-keys.repository.ts';
import { generateApiKey } from './api-keys.rules.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

const ApiKeyCursor = z.tuple([z.iso.datetime(), z.uuid()]);

function present(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a key: enough to recognise it, never the secret or its hash. */
const audited = (row: ApiKeyRow) => ({ name: row.name, scope: row.scope, prefix: row.prefix });

export async function listApiKeys(ctx: AppContext, orgId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<ApiKey>> {
  const cursor = decodeCursor(query.cursor, ApiKeyCursor);
  const before = cursor ? ([new Date(cursor[0]), cursor[1]] as const) : null;
  const rows = await createApiKeysRepository(ctx.db).listActive(orgId, { before, limit: query.limit + 1 });
  return toPage(rows, query.limit, present, (row) => [row.createdAt.toISOString(), row.id]);
}

/** Creates a key; the response is the only place its secret ever appears. */
export async function createApiKey(
  ctx: AppContext,
  access: OrgAccess,
  source: AuditSource,
  input: { name: string; scope: ApiKeyScope },
): Promise<{ apiKey: ApiKey; secret: string }> {
  await assertApiAccess(ctx, ctx.db, access.orgId);
  const { secret, prefix, keyHash } = generateApiKey();
  const createdBy = access.actor.kind === 'user' ? access.actor.userId : null;
  const created = await ctx.db.transaction(async (tx) => {
    const row = await createApiKeysRepository(tx).insert(access.orgId, { ...input, prefix, keyHash, createdBy, createdAt: ctx.clock.now() });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'api_key.created', targetType: 'api_key', targetId: row.id, after: audited(row) });
    const by = source.actor.kind === 'user' ? source.actor.email : 'an API key';
    // Owners and admins hear of every new key: a key outlives the session that made it.
    await emitNotification(ctx, tx, {
      orgId: access.orgId,
      kind: 'security.api_key_created',
      title: `API key “${row.name}” was created`,
      body: `${by} created the ${row.scope} API key “${row.name}” (${row.prefix}…). If nobody should have, revoke it in Settings › API keys.`,
      link: `/orgs/${access.orgId}/settings/api-keys`,
      data: { apiKeyId: row.id, name: row.name, scope: row.scope, prefix: row.prefix, createdBy },
    });
    return { apiKey: present(row), secret };
  });
  await announceNotifications(ctx, access.orgId, 1);
  return created;
}

/** Revokes a key at once: the guard refuses it from the next request on. */
export async function revokeApiKey(ctx: AppContext, access: OrgAccess, source: AuditSource, keyId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await createApiKeysRepository(tx).revoke(access.orgId, keyId, ctx.clock.now());
    if (!row) throw notFound('API key');
    await recordAudit(tx, source, { orgId: access.orgId, action: 'api_key.revoked', targetType: 'api_key', targetId: keyId, before: audited(row) });
  });
}
