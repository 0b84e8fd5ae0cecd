import type { JsonValue } from '../../simulator/world.types.ts';

/** An image or video uploaded through `file/image/ad/upload/` or `file/video/ad/upload/`. */
export interface UploadedMaterial {
  id: string;
  advertiserId: string;
  /** The view the upload answered and search lists. */
  view: Record<string, JsonValue>;
}

/** What advertisers uploaded since the sandbox started (or was reset), by id. */
export interface TikTokLibrary {
  images: Map<string, UploadedMaterial>;
  videos: Map<string, UploadedMaterial>;
}

export const emptyLibrary = (): TikTokLibrary => ({ images: new Map(), videos: new Map() });

export function uploadedOf(store: Map<string, UploadedMaterial>, advertiserId: string): Array<Record<string, JsonValue>> {
  return [...store.values()].filter((m) => m.advertiserId === advertiserId).map((m) => m.view);
}
