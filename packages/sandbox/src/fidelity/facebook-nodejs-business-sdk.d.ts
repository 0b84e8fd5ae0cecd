/**
 * The parts of Meta's official Node SDK (`facebook-nodejs-business-sdk`, untyped JavaScript) that
 * the fidelity suite drives. Declared here so the suite stays strictly typed.
 */
declare module 'facebook-nodejs-business-sdk' {
  type Params = Record<string, unknown>;

  /** A page of objects (an Array subclass) that follows `paging.next` on `next()`. */
  export interface Cursor<T> extends Array<T> {
    hasNext(): boolean;
    hasPrevious(): boolean;
    next(): Promise<Cursor<T>>;
    previous(): Promise<Cursor<T>>;
    paging: { next?: string; previous?: string; cursors?: { before?: string; after?: string } } | undefined;
  }

  export class AbstractCrudObject {
    constructor(id?: string | null, data?: Params);
    id: string;
    _data: Record<string, unknown>;
    read(fields: string[], params?: Params): Promise<this>;
    /** Resolves one object per id, but built as `new Class(answer)`: the answer lands in `id`, not `_data`. */
    static getByIds<T extends AbstractCrudObject>(this: new (id?: string | null, data?: Params) => T, ids: string[], fields: string[], params?: Params): Promise<T[]>;
  }

  export class FacebookAdsApi {
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static readonly GRAPH: string;
    static readonly VERSION: string;
    call(method: 'GET' | 'POST' | 'DELETE', path: string[] | string, params?: Params): Promise<unknown>;
  }

  /** One answer of a batch: the parsed body and the item's HTTP status. */
  export interface APIResponse {
    body: Record<string, unknown>;
    status: number;
    isSuccess: boolean;
  }

  export class FacebookAdsApiBatch {
    constructor(api: FacebookAdsApi, success?: (r: APIResponse) => void, failure?: (r: APIResponse) => void);
    add(method: string, relativePath: string[] | string, params?: Params, files?: Params, success?: (r: APIResponse) => void, failure?: (r: APIResponse) => void): unknown;
    execute(): Promise<FacebookAdsApiBatch | null>;
  }


  export class User extends AbstractCrudObject {
    getAdAccounts(fields: string[], params?: Params): Promise<Cursor<AdAccount>>;
  }

  export class AdAccount extends AbstractCrudObject {
    getCampaigns(fields: string[], params?: Params): Promise<Cursor<Campaign>>;
    getAdSets(fields: string[], params?: Params): Promise<Cursor<AdSet>>;
    getAds(fields: string[], params?: Params): Promise<Cursor<Ad>>;
    getInsights(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
    getInsightsAsync(fields: string[], params?: Params): Promise<AdReportRun>;
    getPromotePages(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
    createCampaign(fields: string[], params?: Params): Promise<Campaign>;
    createAdSet(fields: string[], params?: Params): Promise<AdSet>;
    createAdCreative(fields: string[], params?: Params): Promise<AbstractCrudObject>;
    createAd(fields: string[], params?: Params): Promise<Ad>;
  }

  /** The generated objects take `(fields, params)` where the base class takes `(params)`. */
  interface Editable {
    update(fields: string[], params?: Params): Promise<Record<string, unknown>>;
    delete(fields: string[], params?: Params): Promise<Record<string, unknown>>;
  }

  export class Campaign extends AbstractCrudObject implements Editable {
    update(fields: string[], params?: Params): Promise<Record<string, unknown>>;
    delete(fields: string[], params?: Params): Promise<Record<string, unknown>>;
    get(fields: string[], params?: Params): Promise<Campaign>;
    getAdSets(fields: string[], params?: Params): Promise<Cursor<AdSet>>;
    getInsights(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
    /** `POST /{campaign-id}/copies`; the answer's fields are in `_data`. */
    createCopy(fields: string[], params?: Params): Promise<Campaign>;
  }
  export class AdSet extends AbstractCrudObject implements Editable {
    update(fields: string[], params?: Params): Promise<Record<string, unknown>>;
    delete(fields: string[], params?: Params): Promise<Record<string, unknown>>;
    get(fields: string[], params?: Params): Promise<AdSet>;
  }
  export class Ad extends AbstractCrudObject {
    get(fields: string[], params?: Params): Promise<Ad>;
  }
  export class AdReportRun extends AbstractCrudObject {
    get(fields: string[], params?: Params): Promise<AdReportRun>;
    getInsights(fields: string[], params?: Params): Promise<Cursor<AbstractCrudObject>>;
  }

  const sdk: {
    FacebookAdsApi: typeof FacebookAdsApi;
    FacebookAdsApiBatch: typeof FacebookAdsApiBatch;
    User: typeof User;
    AdAccount: typeof AdAccount;
    Campaign: typeof Campaign;
    AdSet: typeof AdSet;
    Ad: typeof Ad;
    AdReportRun: typeof AdReportRun;
  };
  export default sdk;
}
