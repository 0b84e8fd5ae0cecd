import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageUploadBody, UploadedImage } from '@adloop/contracts';
import type { AdPlatform } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { loadWorkingAccount, withAccount } from '../connections/platform-access.ts';

/** Where each file type taken is recognised in its first bytes, so a file's claimed type is checked against what it is. */
const SIGNATURES: Record<string, { magic: number[]; offset: number; ext: string; word: string }> = {
  'image/png': { magic: [0x89, 0x50, 0x4e, 0x47], offset: 0, ext: 'png', word: 'a PNG image' },
  'image/jpeg': { magic: [0xff, 0xd8, 0xff], offset: 0, ext: 'jpg', word: 'a JPEG image' },
  'image/gif': { magic: [0x47, 0x49, 0x46, 0x38], offset: 0, ext: 'gif', word: 'a GIF image' },
  // MP4 and MOV are ISO media files: a first box of type "ftyp" after its 4-byte size.
  'video/mp4': { magic: [0x66, 0x74, 0x79, 0x70], offset: 4, ext: 'mp4', word: 'an MP4 video' },
  'video/quicktime': { magic: [0x66, 0x74, 0x79, 0x70], offset: 4, ext: 'mov', word: 'a MOV video' },
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type Kind = 'image' | 'video';
const KINDS: Record<Kind, { rules: (a: AdPlatform) => { maxBytes: number; contentTypes: readonly string[] } | null | undefined; upload: (a: AdPlatform) => AdPlatform['campaigns']['uploadImage'] }> = {
  image: { rules: (a) => a.capabilities.imageUpload, upload: (a) => a.campaigns.uploadImage },
  video: { rules: (a) => a.capabilities.videoUpload, upload: (a) => a.campaigns.uploadVideo },
};

/**
 * Checks a file against the account's platform (type, size, that the bytes are what they claim),
 * keeps a copy in DATA_DIR/creatives/<org>/<sha256>.<ext>, and uploads it to the platform's library.
 * The same file again is stored once and gets the same id.
 */
async function uploadCreative(ctx: AppContext, orgId: string, accountId: string, body: z.infer<typeof ImageUploadBody>, kind: Kind): Promise<UploadedImage> {
  const { account } = await loadWorkingAccount(ctx, orgId, accountId);
  const adapter = ctx.platforms.registry.get(account.platform);
  const rules = KINDS[kind].rules(adapter);
  const upload = KINDS[kind].upload(adapter);
  if (!rules || !upload) throw fieldError('contentType', `${adapter.displayName} ads created here take no uploaded ${kind}`);
  if (!rules.contentTypes.includes(body.contentType)) throw fieldError('contentType', `must be one of ${rules.contentTypes.join(', ')} for ${adapter.displayName}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.dataBase64)) throw fieldError('dataBase64', 'is not base64');
  const data = Buffer.from(body.dataBase64, 'base64');
  if (data.length > rules.maxBytes) throw fieldError('dataBase64', `is ${megabytes(data.length)}; ${adapter.displayName} takes ${kind}s up to ${megabytes(rules.maxBytes)}`);
  const signature = SIGNATURES[body.contentType];
  if (!signature || !signature.magic.every((b, i) => data[signature.offset + i] === b)) throw fieldError('dataBase64', `is not ${signature?.word ?? body.contentType}`);

  const sha = createHash('sha256').update(data).digest('hex');
  const folder = join(ctx.config.dataDir, 'creatives', orgId);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `${sha}.${signature.ext}`), data, { mode: 0o600 });

  // The platform's refusal of the file itself is reported on the file's field.
  const uploaded = await withAccount(ctx, orgId, account, { doing: `take the ${kind}`, field: 'dataBase64' }, (session) =>
    session.call((_adapter, tokens, ref) => upload(tokens, ref, { name: body.fileName, base64: body.dataBase64 })),
  );
  return { id: uploaded.id, fileName: body.fileName, contentType: body.contentType, bytes: data.length };
}

/** An image for a new ad; its id is what `ad.assets.imageHash` takes. */
export const uploadAdImage = (ctx: AppContext, orgId: string, accountId: string, body: z.infer<typeof ImageUploadBody>) => uploadCreative(ctx, orgId, accountId, body, 'image');
/** A video for a new ad; its id is what `ad.assets.videoId` takes. */
export const uploadAdVideo = (ctx: AppContext, orgId: string, accountId: string, body: z.infer<typeof ImageUploadBody>) => uploadCreative(ctx, orgId, accountId, body, 'video');
