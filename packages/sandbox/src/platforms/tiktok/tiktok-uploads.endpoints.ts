import { createHash } from 'node:crypto';
import type { JsonValue } from '../../simulator/world.types.ts';
import { endpoint, type EndpointInput, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { isFailure, ok, type TikTokFailure, type TikTokResult } from './tiktok-envelope.ts';
import type { TikTokLibrary } from './tiktok-library.ts';
import { isFilePart, type FilePart } from './tiktok-multipart.ts';
import { invalid, missing, oneOf, optionalText, textOr, type TikTokParams } from './tiktok-params.ts';

/** Images TikTok takes for ads: JPG or PNG (the sandbox caps uploads at 5 MB, under its 10 MB request limit). */
export const TIKTOK_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES: ReadonlyArray<[format: string, magic: number[]]> = [['png', [0x89, 0x50, 0x4e, 0x47]], ['jpeg', [0xff, 0xd8, 0xff]]];
const UPLOAD_TYPES = ['UPLOAD_BY_FILE', 'UPLOAD_BY_URL'] as const;

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');
/** Material ids are 19 digits starting with 7; the sandbox derives them from the file's MD5. */
const materialId = (key: string): string => `7${BigInt(`0x${key.slice(0, 15)}`).toString().padStart(18, '0').slice(0, 18)}`;
const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The file part and its `<kind>_signature` (the MD5 of the file, which TikTok checks). */
function fileOf(params: TikTokParams, kind: 'image' | 'video'): FilePart | TikTokFailure {
  const file = params[`${kind}_file`];
  if (file === undefined) return missing(`${kind}_file`);
  if (!isFilePart(file)) return invalid(`${kind}_file`, 'Must be a file sent as multipart/form-data.');
  if (file.data.length === 0) return invalid(`${kind}_file`, 'The file is empty.');
  const signature = optionalText(params, `${kind}_signature`);
  if (isFailure(signature)) return signature;
  if (!signature) return missing(`${kind}_signature`);
  if (signature.toLowerCase() !== md5(file.data)) return invalid(`${kind}_signature`, 'The signature does not match the MD5 of the file.');
  return file;
}

function uploadType(params: TikTokParams): (typeof UPLOAD_TYPES)[number] | TikTokFailure {
  const word = textOr(params, 'upload_type', 'UPLOAD_BY_FILE');
  return isFailure(word) ? word : oneOf('upload_type', word, UPLOAD_TYPES);
}

/** By file: the bytes must be a JPG or PNG; by URL: the sandbox does not fetch it, the id follows the URL. */
function uploadImage({ params, account, now }: EndpointInput, library: TikTokLibrary): TikTokResult {
  if (!account) return missing('advertiser_id');
  const type = uploadType(params);
  if (isFailure(type)) return type;
  let key: string;
  let format = 'jpeg';
  let size = 0;
  let name = optionalText(params, 'file_name');
  if (isFailure(name)) return name;
  if (type === 'UPLOAD_BY_URL') {
    const url = optionalText(params, 'image_url');
    if (isFailure(url)) return url;
    if (!url) return missing('image_url');
    if (!/^https?:\/\/\S+$/.test(url)) return invalid('image_url', 'Must be a valid http(s) URL.');
    key = md5(url);
    name ??= url.split('/').pop() ?? key;
  } else {
    const file = fileOf(params, 'image');
    if (isFailure(file)) return file;
    if (file.data.length > TIKTOK_IMAGE_MAX_BYTES) return invalid('image_file', 'Image size must not exceed 5 MB.');
    const found = IMAGE_TYPES.find(([, magic]) => magic.every((b, i) => file.data[i] === b));
    if (!found) return invalid('image_file', 'Image format must be JPG, JPEG or PNG.');
    [format] = found;
    key = md5(file.data);
    size = file.data.length;
    name ??= file.fileName || key;
  }
  const id = `ad-site-i18n-sg/${key}`;
  const view: Record<string, JsonValue> = {
    image_id: id, material_id: materialId(key), file_name: name, format, size, signature: key,
    image_url: `https://p16-sign-sg.tiktokcdn.com/sandbox/${key}~tplv-noop.image`, is_carousel_usable: true, displayable: true,
    create_time: isoTime(now), modify_time: isoTime(now),
  };
  library.images.set(id, { id, advertiserId: account.id, view });
  return ok(view);
}

/** By file only: an MP4 or MOV (an ISO media file, `ftyp` at byte 4). Answers a list of one video, as TikTok does. */
function uploadVideo({ params, account, now }: EndpointInput, library: TikTokLibrary): TikTokResult {
  if (!account) return missing('advertiser_id');
  const type = uploadType(params);
  if (isFailure(type)) return type;
  if (type !== 'UPLOAD_BY_FILE') return invalid('upload_type', 'The sandbox takes videos by file only.');
  const file = fileOf(params, 'video');
  if (isFailure(file)) return file;
  if (file.data.subarray(4, 8).toString('latin1') !== 'ftyp') return invalid('video_file', 'Video format must be MP4, MOV, MPEG or AVI.');
  const name = optionalText(params, 'file_name');
  if (isFailure(name)) return name;
  const key = md5(file.data);
  const id = `v10033g50000${key.slice(0, 20)}`;
  const view: Record<string, JsonValue> = {
    video_id: id, material_id: materialId(key), file_name: name ?? file.fileName, format: 'mp4', size: file.data.length, signature: key,
    video_cover_url: `https://p16-sign-va.tiktokcdn.com/sandbox/cover-${key}.jpeg`, preview_url: `https://v16m-default.tiktokcdn.com/sandbox/${key}.mp4`,
    displayable: true, allow_download: true, allowed_placements: ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'],
    create_time: isoTime(now), modify_time: isoTime(now),
  };
  library.videos.set(id, { id, advertiserId: account.id, view });
  return ok([view]);
}

/** file/image/ad/upload/ and file/video/ad/upload/: multipart/form-data, as the official clients send them. */
export function tiktokUploadEndpoints(library: TikTokLibrary): TikTokEndpoint[] {
  return [
    endpoint('POST', 'file/image/ad/upload/', (input) => uploadImage(input, library)),
    endpoint('POST', 'file/video/ad/upload/', (input) => uploadVideo(input, library)),
  ];
}
