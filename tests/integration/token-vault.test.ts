import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations, platformConnections, platformSecrets, type DbHandle } from '@adloop/db';
import type { Keyring } from '../../apps/server/src/platform/vault/envelope.ts';
import { createSecretsRepository, rotateSecrets } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { openTestDatabase } from '../setup/db.ts';

const v1 = randomBytes(32);
const v2 = randomBytes(32);
const ringV1: Keyring = { currentVersion: 1, keys: new Map([[1, v1]]) };
const ringV2: Keyring = { currentVersion: 2, keys: new Map([[1, v1], [2, v2]]) };
const AT = new Date('2026-06-01T00:00:00Z');

/** Every value of every table, as one string: what a leaked dump would show. */
async function dumpDatabase(handle: DbHandle): Promise<string> {
  const { rows: tables } = await handle.sql.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await handle.sql.query(`SELECT * FROM "${table_name}"`);
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

describe('token vault', () => {
  let handle: DbHandle;
  const connections: Array<{ orgId: string; connectionId: string; token: string }> = [];
  const refreshOf = (token: string) => `1//refresh-${token}`;

  beforeAll(async () => {
    handle = await openTestDatabase();
    const secrets = createSecretsRepository(handle.db, ringV1);
    for (let i = 0; i < 7; i++) {
      const [org] = await handle.db.insert(organizations).values({ name: `Org ${i}` }).returning();
      const [connection] = await handle.db.insert(platformConnections).values({ orgId: org!.id, platform: 'google_ads' }).returning();
      const token = `ya29.plaintext-access-token-${i}-${randomBytes(8).toString('hex')}`;
      await secrets.put(org!.id, connection!.id, 'access_token', token, AT);
      await secrets.put(org!.id, connection!.id, 'refresh_token', refreshOf(token), AT);
      connections.push({ orgId: org!.id, connectionId: connection!.id, token });
    }
  });
  afterAll(async () => handle?.close());

  it('stores no plaintext token anywhere in the database', async () => {
    const dump = await dumpDatabase(handle);
    // The dump does hold the sealed rows, so the absence below means something.
    expect(dump).toContain(connections[0]!.connectionId);
    expect(dump).toContain('"key_version":1');
    for (const { token } of connections) {
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(-16));
    }
    const first = connections[0]!;
    expect(await createSecretsRepository(handle.db, ringV1).get(first.orgId, first.connectionId, 'access_token')).toBe(first.token);
  });

  it('refuses a ciphertext copied to another connection', async () => {
    const [a, b] = connections;
    const [source] = await handle.db.select().from(platformSecrets).where(eq(platformSecrets.connectionId, a!.connectionId));
    await handle.db
      .update(platformSecrets)
      .set({ ciphertext: source!.ciphertext, wrappedKey: source!.wrappedKey, keyVersion: source!.keyVersion })
      .where(eq(platformSecrets.connectionId, b!.connectionId));
    const secrets = createSecretsRepository(handle.db, ringV1);
    await expect(secrets.get(b!.orgId, b!.connectionId, source!.purpose)).rejects.toThrow();
    // Put b's own tokens back for the rotation below.
    await secrets.put(b!.orgId, b!.connectionId, 'access_token', b!.token, AT);
    await secrets.put(b!.orgId, b!.connectionId, 'refresh_token', refreshOf(b!.token), AT);
  });

  it('re-wraps every secret to the new key version, resumably, leaving none on the old one', async () => {
    const total = connections.length * 2;
    // A first run interrupted after its first batch of 4.
    const interrupted = await rotateSecrets(handle.db, ringV2, {
      batchSize: 4,
      onProgress: () => {
        throw new Error('interrupted');
      },
    }).catch((error: Error) => error.message);
    expect(interrupted).toBe('interrupted');
    const { rows: midway } = await handle.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM platform_secrets WHERE key_version = 1');
    expect(Number(midway[0]!.n)).toBe(total - 4);

    // Run again: it resumes, reporting progress down to zero.
    const remaining: number[] = [];
    const result = await rotateSecrets(handle.db, ringV2, { batchSize: 4, onProgress: (p) => remaining.push(p.remaining) });
    expect(result).toEqual({ rewrapped: total - 4, remaining: 0 });
    expect(remaining.length).toBeGreaterThanOrEqual(2);
    expect(remaining.at(-1)).toBe(0);

    const { rows } = await handle.sql.query<{ key_version: number; n: string }>('SELECT key_version, count(*)::text AS n FROM platform_secrets GROUP BY key_version');
    expect(rows).toEqual([{ key_version: 2, n: String(total) }]);

    // A second run finds nothing to do; without the old key every token still opens.
    expect(await rotateSecrets(handle.db, ringV2)).toEqual({ rewrapped: 0, remaining: 0 });
    const onlyV2: Keyring = { currentVersion: 2, keys: new Map([[2, v2]]) };
    const secrets = createSecretsRepository(handle.db, onlyV2);
    for (const { orgId, connectionId, token } of connections) {
      expect(await secrets.get(orgId, connectionId, 'access_token')).toBe(token);
      expect(await secrets.get(orgId, connectionId, 'refresh_token')).toBe(refreshOf(token));
    }
  });
});
