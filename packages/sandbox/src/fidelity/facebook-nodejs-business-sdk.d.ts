/**
 * The few parts of Meta's official Node SDK (`facebook-nodejs-business-sdk`, untyped JavaScript)
 * that the fidelity test drives. Declared here so the test stays strictly typed.
 */
declare module 'facebook-nodejs-business-sdk' {
  /** A page of objects (an Array subclass) that follows `paging.next` on `next()`. */
  export interface Cursor<T> extends Array<T> {
    hasNext(): boolean;
    next(): Promise<Cursor<T>>;
    paging: { next?: string; cursors?: { before?: string; after?: string } } | undefined;
  }
  export interface SdkObject {
    id: string;
    _data: Record<string, unknown>;
  }
  export class FacebookAdsApi {
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static readonly GRAPH: string;
    static readonly VERSION: string;
  }
  export class AdAccount implements SdkObject {
    constructor(id: string);
    id: string;
    _data: Record<string, unknown>;
    getCampaigns(fields: string[], params?: Record<string, unknown>): Promise<Cursor<SdkObject>>;
    getInsights(fields: string[], params?: Record<string, unknown>): Promise<Cursor<SdkObject>>;
  }
  const sdk: { FacebookAdsApi: typeof FacebookAdsApi; AdAccount: typeof AdAccount };
  export default sdk;
}
