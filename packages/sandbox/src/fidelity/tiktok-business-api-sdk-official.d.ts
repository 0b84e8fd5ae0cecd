/**
 * The parts of TikTok's official JavaScript SDK (`tiktok-business-api-sdk-official`, untyped
 * JavaScript) that the fidelity suite drives. Every method takes a node-style callback; a non-zero
 * envelope `code` arrives as an Error whose message carries the request id, message and code.
 */
declare module 'tiktok-business-api-sdk-official' {
  type Opts = Record<string, unknown>;

  /** The envelope after a success: `code` and `message` are removed by the SDK. */
  export interface Envelope {
    request_id?: string;
    data?: Record<string, unknown>;
  }
  export type Callback = (error: Error | null, data: Envelope | null, response: unknown) => void;

  export class ApiClient {
    static instance: ApiClient;
    /** `https://business-api.tiktok.com` unless changed. */
    basePath: string;
  }

  export class AuthenticationApi {
    constructor(client?: ApiClient);
    oauth2AccessToken(opts: { body: Opts }, callback: Callback): unknown;
    oauth2AdvertiserGet(appId: string, secret: string, accessToken: string, callback: Callback): unknown;
  }
  export class AccountManagementApi {
    constructor(client?: ApiClient);
    advertiserInfo(advertiserIds: string[], accessToken: string, opts: Opts, callback: Callback): unknown;
  }
  export class CampaignCreationApi {
    constructor(client?: ApiClient);
    campaignGet(advertiserId: string, accessToken: string, opts: Opts, callback: Callback): unknown;
    campaignCreate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
    campaignUpdate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
    campaignStatusUpdate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
  }
  export class AdgroupApi {
    constructor(client?: ApiClient);
    adgroupGet(advertiserId: string, accessToken: string, opts: Opts, callback: Callback): unknown;
    adgroupCreate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
    adgroupUpdate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
    adgroupStatusUpdate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
  }
  export class AdApi {
    constructor(client?: ApiClient);
    adGet(advertiserId: string, accessToken: string, opts: Opts, callback: Callback): unknown;
    adCreate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
    adStatusUpdate(accessToken: string, opts: { body: Opts }, callback: Callback): unknown;
  }
  export class ReportingApi {
    constructor(client?: ApiClient);
    reportIntegratedGet(reportType: string, accessToken: string, opts: Opts, callback: Callback): unknown;
  }
  export class IdentityApi {
    constructor(client?: ApiClient);
    identityGet(advertiserId: string, accessToken: string, opts: Opts, callback: Callback): unknown;
  }
  export class FileApi {
    constructor(client?: ApiClient);
    adVideoSearch(advertiserId: string, accessToken: string, opts: Opts, callback: Callback): unknown;
    /** multipart/form-data: `advertiser_id`, `upload_type`, `image_file` (a Buffer), `image_signature`, `image_url`, `file_name`. */
    adImageUpload(accessToken: string, opts: Opts, callback: Callback): unknown;
    /** multipart/form-data: `advertiser_id`, `upload_type`, `video_file` (a Buffer), `video_signature`, `file_name`. */
    adVideoUpload(accessToken: string, opts: Opts, callback: Callback): unknown;
  }
}
