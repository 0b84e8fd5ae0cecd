import { z } from 'zod';

/** An image or video for a new ad, sent as base64 in JSON (the API takes JSON bodies only). */
export const ImageUploadBody = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.string().max(100),
  /** The file's bytes, base64-encoded. */
  dataBase64: z.string().min(1).max(48 * 1024 * 1024),
});

export const UploadedImage = z
  .object({
    /** What `NewCampaignBody.ad.assets.imageHash` takes. */
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
  })
  .meta({ id: 'UploadedImage' });
export type UploadedImage = z.infer<typeof UploadedImage>;

/** A video uploaded for a new ad (same body as an image: `ImageUploadBody`). */
export const UploadedVideo = z
  .object({
    /** What `NewCampaignBody.ad.assets.videoId` takes. */
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
  })
  .meta({ id: 'UploadedVideo' });
export type UploadedVideo = z.infer<typeof UploadedVideo>;
