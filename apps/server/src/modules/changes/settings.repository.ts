import { eq } from 'drizzle-orm';
import { organizations, type Db } from '@adloop/db';

/** The organisation's change settings and kill switch (columns of `organizations`). */
export interface StoredChangeSettings {
  approvalPolicy: Record<string, unknown> | null;
  guardrailSettings: Record<string, unknown> | null;
  automationStoppedAt: Date | null;
  automationStoppedBy: string | null;
}

export async function readChangeSettings(db: Db, orgId: string): Promise<StoredChangeSettings | undefined> {
  const [row] = await db
    .select({
      approvalPolicy: organizations.approvalPolicy,
      guardrailSettings: organizations.guardrailSettings,
      automationStoppedAt: organizations.automationStoppedAt,
      automationStoppedBy: organizations.automationStoppedBy,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row;
}

export async function writeChangeSettings(db: Db, orgId: string, values: { approvalPolicy: Record<string, unknown>; guardrailSettings: Record<string, unknown> }): Promise<void> {
  await db.update(organizations).set(values).where(eq(organizations.id, orgId));
}

/** Sets (a date) or clears (null) the kill switch. */
export async function writeAutomationStop(db: Db, orgId: string, at: Date | null, by: string | null): Promise<void> {
  await db.update(organizations).set({ automationStoppedAt: at, automationStoppedBy: by }).where(eq(organizations.id, orgId));
}
