import { z } from 'zod';

/** The operators' console (`/api/ops/...`): operators are not tenant users and have their own session. */
export const OperatorRole = z.enum(['platform_admin', 'support', 'finance', 'on_call']);
export type OperatorRole = z.infer<typeof OperatorRole>;

export const Operator = z.object({ id: z.uuid(), email: z.string(), role: OperatorRole });
export type Operator = z.infer<typeof Operator>;

export const OpsSignInBody = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(500),
  code: z.string().trim().regex(/^\d{6}$/, 'A 6-digit code from the authenticator app'),
});

export const Reason = z.string().trim().min(3).max(500);
export const ReasonBody = z.strictObject({ reason: Reason });

/** An operator account as a Platform Admin sees it in the console's list. */
export const OperatorAccount = Operator.extend({ createdAt: z.string(), disabledAt: z.string().nullable(), passwordChangeRequired: z.boolean() });
export const OperatorAccountList = z.object({ items: z.array(OperatorAccount) });
export const OperatorParams = z.strictObject({ operatorId: z.uuid() });

export const TenantSearchQuery = z.strictObject({ q: z.string().trim().min(1).max(200) });

export const TenantSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  ownerEmail: z.string().nullable(),
  createdAt: z.string(),
  suspended: z.boolean(),
});
export const TenantList = z.object({ items: z.array(TenantSummary) });

export const Suspension = z.object({ reason: z.string(), suspendedAt: z.string(), suspendedBy: z.string() });

export const DeletionRequest = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'cancelled']),
  requestedByEmail: z.string(),
  decidedByEmail: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** What approval started: the organisation's erasure, or why it did not. */
  outcome: z.string().nullable(),
});
export type DeletionRequest = z.infer<typeof DeletionRequest>;
export const DeletionRequestList = z.object({ items: z.array(DeletionRequest) });

export const TenantDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  members: z.array(z.object({ email: z.string(), role: z.string() })),
  plan: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  subscription: z.object({ status: z.string().nullable(), currentPeriodEnd: z.string().nullable(), cancelAtPeriodEnd: z.boolean() }),
  usage: z.object({ adAccounts: z.number().int(), campaigns: z.number().int(), users: z.number().int(), rules: z.number().int() }),
  ai: z.object({ month: z.string(), calls: z.number().int(), costMicros: z.number().int() }),
  api: z.object({ keys: z.number().int(), lastUsedAt: z.string().nullable() }),
  /** Bytes of the tenant's rows in the main tables (a rough figure). */
  storageBytes: z.number().int(),
  suspension: Suspension.nullable(),
  deletion: DeletionRequest.nullable(),
});
export type TenantDetail = z.infer<typeof TenantDetail>;

export const ImpersonationMode = z.enum(['read_only', 'read_write']);
export const ImpersonationBody = z.strictObject({
  reason: Reason,
  mode: ImpersonationMode.default('read_only'),
  minutes: z.number().int().min(1).max(60).default(60),
});
export const Impersonation = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  operatorEmail: z.string(),
  reason: z.string(),
  mode: ImpersonationMode,
  startedAt: z.string(),
  expiresAt: z.string(),
});
export type Impersonation = z.infer<typeof Impersonation>;

/** What a tenant's app shows on every page: support looking, or the organisation suspended. */
export const ImpersonationNotice = z.object({ impersonation: Impersonation.nullable() });
export const SuspensionNotice = z.object({ suspension: z.object({ reason: z.string(), suspendedAt: z.string() }).nullable() });

export const OperatorAuditEntry = z.object({
  id: z.number().int(),
  operatorEmail: z.string(),
  action: z.string(),
  orgId: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.unknown(),
  createdAt: z.string(),
});
export const OperatorAuditList = z.object({ items: z.array(OperatorAuditEntry) });

export const QueueStats = z.object({
  name: z.string(),
  queued: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
  completedLastHour: z.number().int(),
  failedLastHour: z.number().int(),
  /** Failed / (failed + completed) over the last hour; null with nothing finished. */
  failureRate: z.number().nullable(),
});
export const QueueStatsList = z.object({ items: z.array(QueueStats) });

export const DeadLetter = z.object({
  id: z.uuid(),
  queue: z.string(),
  /** The payload's keys and short values, never the whole payload. */
  payloadSummary: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.string().nullable(),
});
export const DeadLetterList = z.object({ items: z.array(DeadLetter) });
export const DeadLetterQuery = z.strictObject({ queue: z.string().min(1).max(200).optional() });
export const DeadLetterParams = z.strictObject({ queue: z.string().min(1).max(200), jobId: z.uuid() });
export const DeletionParams = z.strictObject({ requestId: z.uuid() });
