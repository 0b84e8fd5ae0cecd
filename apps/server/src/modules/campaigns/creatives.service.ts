import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { adAccounts, platformConnections } from '@adloop/db';
import type { ImageUploadBody, UploadedImage } from '@adloop/contracts';
import { PlatformError } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { loadTokens } from '../sync/sync.service.ts';

/** The first bytes of each image type taken, so a file's claimed type is checked against what it is. */
const SIGNATURES: Record<string, { magic: number[]; ext: string }> = {
  'image/png': { magic: [0x89, 0x50, 0x4e, 0x47], ext: 'png' },
  'image/jpeg': { magic: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/gif': { magic: [0x47, 0x49, 0x46, 0x38], ext: 'gif' },
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Checks an image against the account's platform (type, size, that the bytes are what they claim),
 * keeps a copy in DATA_DIR/creatives/<org>/<sha256>.<ext>, and uploads it to the platform's library.
 * The same image again is stored once and gets the same id.
 */
export async function uploadAdImage(ctx: AppContext, orgId: string, accountId: string, body: z.infer<typeof ImageUploadBody>): Promise<UploadedImage> {
  const [row] = await ctx.db
    .select({ account: adAccounts, connection: platformConnections })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, accountId)));
  if (!row) throw notFound('Ad account');
  const { account, connection } = row;
  if (!account.selected) throw new AppError('conflict', 'This account is not added to Adloop: add it on the Connections page first');
  if (connection.status !== 'active') throw new AppError('conflict', 'This account’s connection needs to be reconnected first');
  const adapter = ctx.platforms.registry.get(account.platform);
  const rules = adapter.capabilities.imageUpload;
  if (!rules || !adapter.campaigns.uploadImage) throw fieldError('contentType', `${adapter.displayName} ads created here take no uploaded image`);
  if (!rules.contentTypes.includes(body.contentType)) throw fieldError('contentType', `must be one of ${rules.contentTypes.join(', ')} for ${adapter.displayName}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.dataBase64)) throw fieldError('dataBase64', 'is not base64');
  const data = Buffer.from(body.dataBase64, 'base64');
  if (data.length > rules.maxBytes) throw fieldError('dataBase64', `is ${megabytes(data.length)}; ${adapter.displayName} takes images up to ${megabytes(rules.maxBytes)}`);
  const signature = SIGNATURES[body.contentType];
  if (!signature || !signature.magic.every((b, i) => data[i] === b)) throw fieldError('dataBase64', `is not a ${body.contentType.replace('image/', '').toUpperCase()} image`);

  const sha = createHash('sha256').update(data).digest('hex');
  const folder = join(ctx.config.dataDir, 'creatives', orgId);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `${sha}.${signature.ext}`), data, { mode: 0o600 });

  const ref = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  try {
    const tokens = await loadTokens(ctx, connection);
    const uploaded = await ctx.platforms.call({ orgId, platform: account.platform, accountKey: account.platformAccountId }, (a) => a.campaigns.uploadImage!(tokens, ref, { name: body.fileName, base64: body.dataBase64 }));
    return { id: uploaded.id, fileName: body.fileName, contentType: body.contentType, bytes: data.length };
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'invalid_request') throw fieldError('dataBase64', error.details.platformMessage ?? error.message);
    if (error instanceof PlatformError) throw new AppError('upstream_failed', `${adapter.displayName} did not take the image: ${error.details.platformMessage ?? error.message}`);
    throw error;
  }
}
