import { and, asc, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { operatorAuditLog, operators, operatorSessions, type Db, type OperatorRole } from '@adloop/db';

export type OperatorRow = typeof operators.$inferSelect;

export async function insertOperator(db: Db, values: { email: string; role: OperatorRole; passwordHash: string; mfaSecretEnc: (id: string) => string; id: string; at: Date }): Promise<OperatorRow> {
  const [row] = await db
    .insert(operators)
    .values({ id: values.id, email: values.email, role: values.role, passwordHash: values.passwordHash, mfaSecretEnc: values.mfaSecretEnc(values.id), passwordChangeRequired: true, createdAt: values.at })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new Error(`An operator with the email ${values.email} already exists`);
  return row;
}

export async function findOperatorByEmail(db: Db, email: string): Promise<OperatorRow | null> {
  const [row] = await db.select().from(operators).where(and(eq(operators.email, email), isNull(operators.disabledAt))).limit(1);
  return row ?? null;
}

/** Records the TOTP step used if it is newer than the last one: each code signs in once. */
export async function claimOperatorTotpStep(db: Db, operatorId: string, step: number, lastStep: number | null): Promise<boolean> {
  const rows = await db
    .update(operators)
    .set({ mfaLastStep: step })
    .where(and(eq(operators.id, operatorId), lastStep === null ? isNull(operators.mfaLastStep) : eq(operators.mfaLastStep, lastStep)))
    .returning({ id: operators.id });
  return rows.length > 0;
}

export async function insertOperatorSession(db: Db, values: { operatorId: string; tokenHash: string; at: Date; expiresAt: Date }): Promise<void> {
  await db.insert(operatorSessions).values({ operatorId: values.operatorId, tokenHash: values.tokenHash, createdAt: values.at, lastSeenAt: values.at, expiresAt: values.expiresAt });
}

/** The live session of `tokenHash` with its (enabled) operator. */
export async function findOperatorSession(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: operatorSessions, operator: operators })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .where(and(eq(operatorSessions.tokenHash, tokenHash), isNull(operatorSessions.revokedAt), gt(operatorSessions.expiresAt, now), isNull(operators.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function touchOperatorSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.update(operatorSessions).set({ lastSeenAt: at }).where(eq(operatorSessions.id, sessionId));
}

export async function revokeOperatorSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.update(operatorSessions).set({ revokedAt: at }).where(eq(operatorSessions.id, sessionId));
}

/** Ends every live session of an operator, but `keep` (the one changing its password). */
export async function revokeOperatorSessions(db: Db, operatorId: string, at: Date, keep: string | null = null): Promise<number> {
  const rows = await db.update(operatorSessions).set({ revokedAt: at })
    .where(and(eq(operatorSessions.operatorId, operatorId), isNull(operatorSessions.revokedAt), keep ? ne(operatorSessions.id, keep) : undefined))
    .returning({ id: operatorSessions.id });
  return rows.length;
}

export async function findOperatorById(db: Db, id: string): Promise<OperatorRow | null> {
  const [row] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
  return row ?? null;
}

export function listOperators(db: Db): Promise<OperatorRow[]> {
  return db.select().from(operators).orderBy(asc(operators.email));
}

/** Disables an enabled operator; null when there is none or it was already disabled. */
export async function disableOperator(db: Db, id: string, at: Date): Promise<OperatorRow | null> {
  const [row] = await db.update(operators).set({ disabledAt: at }).where(and(eq(operators.id, id), isNull(operators.disabledAt))).returning();
  return row ?? null;
}

/** Stores the operator's own password in place of the one-time one. */
export async function setOperatorPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.update(operators).set({ passwordHash, passwordChangeRequired: false }).where(eq(operators.id, id));
}

export interface OperatorAuditValues {
  operatorId: string | null;
  operatorEmail: string;
  action: string;
  orgId?: string | null;
  reason?: string | null;
  details?: unknown;
  ip?: string | null;
  at: Date;
}

export async function insertOperatorAudit(db: Db, values: OperatorAuditValues): Promise<void> {
  await db.insert(operatorAuditLog).values({
    operatorId: values.operatorId,
    operatorEmail: values.operatorEmail,
    action: values.action,
    orgId: values.orgId ?? null,
    reason: values.reason ?? null,
    details: values.details ?? null,
    ip: values.ip ?? null,
    createdAt: values.at,
  });
}

/** The newest operator audit rows, optionally of one tenant. */
export function listOperatorAudit(db: Db, orgId: string | null, limit = 200) {
  return db
    .select()
    .from(operatorAuditLog)
    .where(orgId ? eq(operatorAuditLog.orgId, orgId) : undefined)
    .orderBy(desc(operatorAuditLog.id))
    .limit(limit);
}
