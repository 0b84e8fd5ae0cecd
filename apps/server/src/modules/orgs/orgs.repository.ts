import { eq } from 'drizzle-orm';
import { organizations, type Db } from '@adloop/db';

export type OrgRow = typeof organizations.$inferSelect;

/** SQL for the `organizations` table. Every read or write names the organisation it touches. */
export function createOrgsRepository(db: Db) {
  return {
    /** The one method without an `orgId`: it is the one that creates it. */
    /** Without a reporting currency or time zone the table's defaults apply (USD, UTC). */
    async insert(values: { name: string; createdAt: Date; reportingCurrency?: string; timeZone?: string }): Promise<OrgRow> {
      const [row] = await db.insert(organizations).values(values).returning();
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      return row;
    },

    async findById(orgId: string, options: { forUpdate?: boolean } = {}): Promise<OrgRow | null> {
      const query = db.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ?? null;
    },

    async update(orgId: string, patch: { name?: string; requireMfa?: boolean; reportingCurrency?: string; timeZone?: string }): Promise<OrgRow | null> {
      const [row] = await db.update(organizations).set(patch).where(eq(organizations.id, orgId)).returning();
      return row ?? null;
    },
  };
}
