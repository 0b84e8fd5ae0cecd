import { z } from 'zod';

/** A scheduled deletion of an account or an organisation, restorable until `purgeAfter`. */
export const ScheduledDeletion = z.object({
  id: z.uuid(),
  subjectType: z.enum(['user', 'organization']),
  subjectId: z.uuid(),
  requestedAt: z.string(),
  /** From then on the data is purged for good; until then it can be restored. */
  purgeAfter: z.string(),
});
export type ScheduledDeletion = z.infer<typeof ScheduledDeletion>;

export const DeletionStatus = z.object({ scheduled: ScheduledDeletion.nullable() });
export type DeletionStatus = z.infer<typeof DeletionStatus>;

export const DeleteAccountBody = z.strictObject({
  /** Why (optional, kept with the request until the purge). */
  reason: z.string().max(1000).optional(),
});

export const DeleteOrganizationBody = z.strictObject({
  /** The organisation's name, typed by the owner to confirm. */
  confirmName: z.string().min(1).max(200),
  reason: z.string().max(1000).optional(),
});

/** A POST that takes no input. */
export const PrivacyActionBody = z.strictObject({});

export const DataExportScope = z.enum(['user', 'organization']);
export const DataExportState = z.enum(['queued', 'running', 'ready', 'failed']);

/** A data export as its requester sees it. */
export const DataExport = z.object({
  id: z.uuid(),
  scope: DataExportScope,
  orgId: z.uuid().nullable(),
  state: DataExportState,
  /** 0–100 while the job runs. */
  progress: z.number().int(),
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** After this the file is deleted and the link answers 410. */
  expiresAt: z.string(),
  expired: z.boolean(),
  /** Relative download URL once ready (only the requester may use it). */
  downloadUrl: z.string().nullable(),
});
export type DataExport = z.infer<typeof DataExport>;

export const DataExportList = z.object({ items: z.array(DataExport) });
export type DataExportList = z.infer<typeof DataExportList>;

export const DataExportParams = z.strictObject({ exportId: z.uuid() });
