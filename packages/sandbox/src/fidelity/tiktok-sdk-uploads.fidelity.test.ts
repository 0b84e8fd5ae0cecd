import { createHash } from 'node:crypto';
import { ApiClient, AuthenticationApi, FileApi, type Callback, type Envelope } from 'tiktok-business-api-sdk-official';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import { REDIRECT, submitConsent, TEST_START } from '../testing/sandbox-test.helpers.ts';

/** TikTok's official JavaScript SDK, unchanged, uploading an image and a video to the sandbox as multipart/form-data. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]);
const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

let sandbox: RunningSandbox;
let token: string;
let usd: string;
let originalBase: string;
const files = new FileApi();

function sdkCall(run: (callback: Callback) => unknown): Promise<Envelope['data']> {
  return new Promise((resolve, reject) => {
    run((error: Error | null, data: Envelope | null) => (error ? reject(error) : resolve(data?.data ?? {})));
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 1000 } } });
  originalBase = ApiClient.instance.basePath;
  ApiClient.instance.basePath = sandbox.urls.tiktok;
  usd = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
  const s = DEFAULT_SETTINGS.tiktok;
  const back = await submitConsent(`${sandbox.urls.tiktok}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT, state: 'tt' }, [usd], 'allow');
  token = String((await sdkCall((cb) => new AuthenticationApi().oauth2AccessToken({ body: { app_id: s.appId, secret: s.secret, auth_code: back.searchParams.get('auth_code') ?? '' } }, cb)))?.access_token);
});
afterAll(async () => {
  ApiClient.instance.basePath = originalBase;
  await sandbox.close();
});

describe('TikTok SDK: creative uploads', () => {
  it('uploads an image by file and by URL (adImageUpload) and a video by file (adVideoUpload); a wrong signature is refused', async () => {
    const image = await sdkCall((cb) => files.adImageUpload(token, { advertiser_id: usd, upload_type: 'UPLOAD_BY_FILE', image_file: PNG, image_signature: md5(PNG), file_name: 'cover.png' }, cb));
    expect(image).toMatchObject({ image_id: `ad-site-i18n-sg/${md5(PNG)}`, format: 'png', size: PNG.length });
    const byUrl = await sdkCall((cb) => files.adImageUpload(token, { advertiser_id: usd, upload_type: 'UPLOAD_BY_URL', image_url: 'https://example.com/cover.jpg' }, cb));
    expect(byUrl?.image_id).toMatch(/^ad-site-i18n-sg\//);
    const video = await sdkCall((cb) => files.adVideoUpload(token, { advertiser_id: usd, upload_type: 'UPLOAD_BY_FILE', video_file: MP4, video_signature: md5(MP4), file_name: 'film.mp4' }, cb));
    expect(video).toEqual([expect.objectContaining({ video_id: expect.stringMatching(/^v10033g50000/), size: MP4.length, file_name: 'film.mp4' })]);
    await expect(sdkCall((cb) => files.adImageUpload(token, { advertiser_id: usd, upload_type: 'UPLOAD_BY_FILE', image_file: PNG, image_signature: md5(MP4) }, cb))).rejects.toThrow(/code: 40002/);
  });
});
