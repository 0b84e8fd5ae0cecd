import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { at, postJson, TEST_START, tiktokGet, tiktokToken } from '../../testing/sandbox-test.helpers.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// The first box of an MP4 file: size, "ftyp", brand "isom".
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]);
const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

let sandbox: RunningSandbox;
let t: string;
let token: string;
let usd: string;
let other: string;

function form(fields: Record<string, string>, file?: { field: string; data: Buffer; name: string }): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  if (file) body.set(file.field, new Blob([file.data]), file.name);
  return body;
}
async function upload(kind: 'image' | 'video', body: FormData): Promise<unknown> {
  const res = await fetch(`${t}/open_api/v1.3/file/${kind}/ad/upload/`, { method: 'POST', headers: { 'Access-Token': token }, body });
  return res.json();
}
const byFile = (kind: 'image' | 'video', advertiser: string, data: Buffer, signature = md5(data)) =>
  upload(kind, form({ advertiser_id: advertiser, upload_type: 'UPLOAD_BY_FILE', [`${kind}_signature`]: signature }, { field: `${kind}_file`, data, name: `cover.${kind === 'image' ? 'png' : 'mp4'}` }));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 1000 } } });
  t = sandbox.urls.tiktok;
  const accounts = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager);
  usd = accounts.find((a) => a.currency === 'USD')?.id ?? '';
  other = accounts.find((a) => a.id !== usd)?.id ?? '';
  token = (await tiktokToken(t, [usd, other])).access_token;
});
afterAll(async () => sandbox.close());

describe('TikTok sandbox: image and video uploads', () => {
  it('takes an image by file (multipart, MD5 signature checked) or by URL, and the same bytes keep one id', async () => {
    const first = await byFile('image', usd, PNG);
    expect(at(first, 'code')).toBe(0);
    expect(at(first, 'data')).toMatchObject({ image_id: `ad-site-i18n-sg/${md5(PNG)}`, format: 'png', size: PNG.length, signature: md5(PNG), file_name: 'cover.png' });
    expect(at(await byFile('image', usd, PNG), 'data', 'image_id')).toBe(at(first, 'data', 'image_id'));
    const byUrl = await upload('image', form({ advertiser_id: usd, upload_type: 'UPLOAD_BY_URL', image_url: 'https://example.com/boots.jpg' }));
    expect(at(byUrl, 'data', 'file_name')).toBe('boots.jpg');
  });

  it('refuses a wrong signature, a file that is not a JPG or PNG, a missing file, a JSON body and an unknown upload type, naming the field', async () => {
    expect(at(await byFile('image', usd, PNG, md5(Buffer.from('other'))), 'message')).toMatch(/^image_signature: /);
    expect(at(await byFile('image', usd, Buffer.from('GIF89a-not-taken')), 'message')).toMatch(/^image_file: Image format must be JPG, JPEG or PNG/);
    expect(at(await upload('image', form({ advertiser_id: usd, image_signature: md5(PNG) })), 'message')).toBe('image_file: Missing data for required field.');
    expect(at(await upload('image', form({ advertiser_id: usd, upload_type: 'UPLOAD_BY_URL', image_url: 'ftp://x' })), 'message')).toMatch(/^image_url: /);
    expect(at(await upload('image', form({ advertiser_id: usd, upload_type: 'BY_PIGEON' })), 'message')).toMatch(/^upload_type: /);
    const json = await postJson(`${t}/open_api/v1.3/file/image/ad/upload/`, { advertiser_id: usd, image_file: PNG.toString('base64'), image_signature: md5(PNG) }, { 'Access-Token': token });
    expect(at(json.body, 'message')).toMatch(/^image_file: Must be a file/);
    expect(at(await byFile('video', usd, PNG), 'message')).toMatch(/^video_file: Video format/);
  });

  it('takes a video by file, lists it in the library, and creates a video ad with the uploaded cover; another advertiser’s image is refused', async () => {
    const video = await byFile('video', usd, MP4);
    const videoId = String(at(video, 'data', 0, 'video_id'));
    expect(videoId).toMatch(/^v10033g50000[0-9a-f]{20}$/);
    const found = await tiktokGet(t, 'file/video/ad/search/', token, { advertiser_id: usd, filtering: { video_ids: [videoId] } });
    expect(at(found, 'data', 'list', 0, 'size')).toBe(MP4.length);
    const imageId = String(at(await byFile('image', usd, PNG), 'data', 'image_id'));
    const foreignImage = String(at(await byFile('image', other, Buffer.concat([PNG, Buffer.from([0])])), 'data', 'image_id'));

    const post = async (path: string, body: Record<string, unknown>) => (await postJson(`${t}/open_api/v1.3/${path}`, { advertiser_id: usd, ...body }, { 'Access-Token': token })).body;
    const campaignId = at(await post('campaign/create/', { campaign_name: 'Covers', objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_INFINITE' }), 'data', 'campaign_id');
    const groupId = at(await post('adgroup/create/', { campaign_id: campaignId, adgroup_name: 'G', billing_event: 'CPC', budget_mode: 'BUDGET_MODE_DAY', budget: 60 }), 'data', 'adgroup_id');
    const identityId = String(at(await tiktokGet(t, 'identity/get/', token, { advertiser_id: usd, identity_type: 'CUSTOMIZED_USER' }), 'data', 'identity_list', 0, 'identity_id'));
    const creative = { ad_name: 'Cover ad', identity_type: 'CUSTOMIZED_USER', identity_id: identityId, display_name: 'Brand', ad_format: 'SINGLE_VIDEO', video_id: videoId, image_ids: [imageId], ad_text: 'Hello', landing_page_url: 'https://example.com/' };
    expect(at(await post('ad/create/', { adgroup_id: groupId, creatives: [{ ...creative, image_ids: [foreignImage] }] }), 'message')).toMatch(/^creatives\[0\]\.image_ids: Image .* does not exist/);
    const ad = await post('ad/create/', { adgroup_id: groupId, creatives: [creative] });
    expect(at(ad, 'code')).toBe(0);
    expect(at(ad, 'data', 'creatives', 0)).toMatchObject({ video_id: videoId, image_ids: [imageId] });
  });
});
