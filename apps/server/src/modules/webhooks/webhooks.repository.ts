import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type Db } from '@adloop/db';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** Every endpoint of the organisation, newest first, with its last delivery's outcome. */
export async function listEndpoints(db: Db, orgId: string): Promise<{ endpoint: EndpointRow; last: Pick<DeliveryRow, 'state' | 'createdAt' | 'completedAt' | 'lastStatus'> | null }[]> {
  const endpoints = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  if (endpoints.length === 0) return [];
  const lasts = await db
    .selectDistinctOn([webhookDeliveries.endpointId], {
      endpointId: webhookDeliveries.endpointId, state: webhookDeliveries.state, createdAt: webhookDeliveries.createdAt,
      completedAt: webhookDeliveries.completedAt, lastStatus: webhookDeliveries.lastStatus,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, orgId), inArray(webhookDeliveries.endpointId, endpoints.map((e) => e.id))))
    .orderBy(webhookDeliveries.endpointId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  const byEndpoint = new Map(lasts.map((l) => [l.endpointId, l]));
  return endpoints.map((endpoint) => ({ endpoint, last: byEndpoint.get(endpoint.id) ?? null }));
}

export async function findEndpoint(db: Db, orgId: string, endpointId: string): Promise<EndpointRow | null> {
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId))).limit(1);
  return row ?? null;
}

export async function insertEndpoint(db: Db, row: typeof webhookEndpoints.$inferInsert): Promise<EndpointRow> {
  const [created] = await db.insert(webhookEndpoints).values(row).returning();
  if (!created) throw new Error('webhook endpoint not created');
  return created;
}

export async function updateEndpoint(db: Db, orgId: string, endpointId: string, changes: Partial<typeof webhookEndpoints.$inferInsert>): Promise<EndpointRow | null> {
  const [row] = await db.update(webhookEndpoints).set(changes).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId))).returning();
  return row ?? null;
}

export async function deleteEndpoint(db: Db, orgId: string, endpointId: string): Promise<boolean> {
  const rows = await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId))).returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Enabled endpoints of the organisation subscribed to `kind`. */
export async function subscribedEndpointIds(db: Db, orgId: string, kind: string): Promise<string[]> {
  const rows = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.kinds} @> ${JSON.stringify([kind])}::jsonb`));
  return rows.map((r) => r.id);
}

/** A new delivery; with `sourceKey`, a second hand-over of the same source returns null (already there). */
export async function insertDelivery(db: Db, row: typeof webhookDeliveries.$inferInsert): Promise<DeliveryRow | null> {
  const [created] = await db.insert(webhookDeliveries).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function findDelivery(db: Db, orgId: string, deliveryId: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, deliveryId))).limit(1);
  return row ?? null;
}

/** One page of an endpoint's deliveries, newest first, after the keyset position `after`. */
export async function listDeliveries(db: Db, orgId: string, endpointId: string, after: [string, string] | null, limit: number): Promise<DeliveryRow[]> {
  const mine = and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId));
  const at = after ? new Date(after[0]) : null;
  return db
    .select()
    .from(webhookDeliveries)
    .where(at && after ? and(mine, or(lt(webhookDeliveries.createdAt, at), and(eq(webhookDeliveries.createdAt, at), lt(webhookDeliveries.id, after[1])))) : mine)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
}

export async function listAttempts(db: Db, orgId: string, deliveryId: string): Promise<AttemptRow[]> {
  return db.select().from(webhookAttempts).where(and(eq(webhookAttempts.orgId, orgId), eq(webhookAttempts.deliveryId, deliveryId))).orderBy(webhookAttempts.attempt);
}

export async function attemptRecorded(db: Db, orgId: string, deliveryId: string, attempt: number): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookAttempts.id })
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.orgId, orgId), eq(webhookAttempts.deliveryId, deliveryId), eq(webhookAttempts.attempt, attempt)))
    .limit(1);
  return row !== undefined;
}

/** Records an attempt once; false when this attempt was already recorded (a rerun of the same job). */
export async function insertAttempt(db: Db, row: typeof webhookAttempts.$inferInsert): Promise<boolean> {
  const rows = await db.insert(webhookAttempts).values(row).onConflictDoNothing().returning({ id: webhookAttempts.id });
  return rows.length > 0;
}

export async function updateDelivery(db: Db, orgId: string, deliveryId: string, changes: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
  await db.update(webhookDeliveries).set(changes).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, deliveryId)));
}

/** Adds one failed attempt to the endpoint's run (or ends the run on success); returns the new count. */
export async function countOutcome(db: Db, orgId: string, endpointId: string, succeeded: boolean): Promise<number> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ consecutiveFailures: succeeded ? 0 : sql`${webhookEndpoints.consecutiveFailures} + 1` })
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)))
    .returning({ failures: webhookEndpoints.consecutiveFailures });
  return row?.failures ?? 0;
}

/** Turns the endpoint off if it is on (true when this call did it), failing its deliveries still waiting. */
export async function disableEndpoint(db: Db, orgId: string, endpointId: string, reason: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, updatedAt: at })
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) return false;
  await db
    .update(webhookDeliveries)
    .set({ state: 'failed', lastError: `Not sent: ${reason}`, nextAttemptAt: null, completedAt: at })
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.state, 'pending')));
  return true;
}
