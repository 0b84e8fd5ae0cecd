import { createHash } from 'node:crypto';
import { json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account } from '../../simulator/world.types.ts';
import { invalidParameter } from './meta-errors.ts';

/** An image of an ad account's library, by its hash (what `link_data.image_hash` names). */
export interface MetaImage {
  hash: string;
  accountId: string;
  name: string;
  bytes: number;
}

/** Meta takes JPG, PNG, GIF and the like up to 30 MB. */
export const META_IMAGE_MAX_BYTES = 30 * 1024 * 1024;
const SIGNATURES: ReadonlyArray<[type: string, magic: number[]]> = [['png', [0x89, 0x50, 0x4e, 0x47]], ['jpg', [0xff, 0xd8, 0xff]], ['gif', [0x47, 0x49, 0x46, 0x38]]];

/**
 * `POST /act_{id}/adimages` with `bytes` (base64), as Graph takes an upload without a file part:
 * answers `{"images":{"<name>":{"hash","url"}}}`. The hash is the MD5 of the bytes, so the same
 * image uploaded twice has one hash.
 */
export function uploadAdImage(ctx: SandboxContext, req: SandboxRequest, account: Account, images: Map<string, MetaImage>): SandboxResponse {
  const encoded = param(req, 'bytes');
  if (!encoded) return invalidParameter('The parameter bytes is required');
  const data = Buffer.from(encoded, 'base64');
  if (data.length === 0) return invalidParameter('Param bytes must be a base64-encoded image');
  if (data.length > META_IMAGE_MAX_BYTES) return invalidParameter('Image too large: images must be at most 30 MB');
  const type = SIGNATURES.find(([, magic]) => magic.every((b, i) => data[i] === b))?.[0];
  if (!type) return invalidParameter('Invalid image format: upload a JPG, PNG or GIF image');
  const hash = createHash('md5').update(data).digest('hex');
  const name = param(req, 'name') ?? `${hash}.${type}`;
  images.set(hash, { hash, accountId: account.id, name, bytes: data.length });
  return json(200, { images: { [name]: { hash, url: `${ctx.baseUrl('meta')}/adimages/${hash}.${type}` } } });
}
