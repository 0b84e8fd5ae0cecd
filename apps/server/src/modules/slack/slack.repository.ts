import { and, eq, isNull } from 'drizzle-orm';
import { slackInstalls, slackOauthStates, type Db } from '@adloop/db';
import { open, seal, type Keyring } from '../../platform/vault/envelope.ts';

export type SlackInstallRow = typeof slackInstalls.$inferSelect;

/** The bot token's vault binding: it opens only for this organisation and workspace. */
const tokenAad = (orgId: string, teamId: string) => `org:${orgId}|slack:${teamId}|bot_token`;

export function createSlackRepository(db: Db) {
  return {
    async find(orgId: string): Promise<SlackInstallRow | null> {
      const [row] = await db.select().from(slackInstalls).where(eq(slackInstalls.orgId, orgId)).limit(1);
      return row ?? null;
    },

    /** Installs (or re-installs into another workspace): a fresh token, the state active again, channel kept only for the same workspace. */
    async upsert(orgId: string, keyring: Keyring, grant: { token: string; teamId: string; teamName: string; appId: string; botUserId: string; scopes: string }, values: { kinds: string[]; installedBy: string; at: Date }): Promise<SlackInstallRow> {
      const sealed = seal(keyring, grant.token, tokenAad(orgId, grant.teamId));
      const token = { tokenCiphertext: sealed.ciphertext, tokenWrappedKey: sealed.wrappedKey, tokenKeyVersion: sealed.keyVersion };
      const previous = await this.find(orgId);
      const sameTeam = previous?.teamId === grant.teamId;
      const fields = {
        teamId: grant.teamId, teamName: grant.teamName, appId: grant.appId, botUserId: grant.botUserId, scopes: grant.scopes, ...token,
        channelId: sameTeam ? previous.channelId : null, channelName: sameTeam ? previous.channelName : null,
        kinds: previous ? previous.kinds : values.kinds, state: 'active' as const, brokenReason: null,
        installedBy: values.installedBy, installedAt: values.at, updatedAt: values.at,
      };
      const [row] = await db
        .insert(slackInstalls)
        .values({ orgId, ...fields })
        .onConflictDoUpdate({ target: slackInstalls.orgId, set: fields })
        .returning();
      return row!;
    },

    openToken(row: SlackInstallRow, keyring: Keyring): string {
      return open(keyring, { ciphertext: row.tokenCiphertext, wrappedKey: row.tokenWrappedKey, keyVersion: row.tokenKeyVersion }, tokenAad(row.orgId, row.teamId));
    },

    async update(orgId: string, values: Partial<Pick<SlackInstallRow, 'channelId' | 'channelName' | 'kinds' | 'state' | 'brokenReason'>>, at: Date): Promise<SlackInstallRow | null> {
      const [row] = await db.update(slackInstalls).set({ ...values, updatedAt: at }).where(eq(slackInstalls.orgId, orgId)).returning();
      return row ?? null;
    },

    /** Marks the install broken if it is still active; true only for the call that broke it (one notice). */
    async markBroken(orgId: string, reason: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(slackInstalls)
        .set({ state: 'broken', brokenReason: reason, updatedAt: at })
        .where(and(eq(slackInstalls.orgId, orgId), eq(slackInstalls.state, 'active')))
        .returning({ id: slackInstalls.id });
      return rows.length > 0;
    },

    async remove(orgId: string): Promise<SlackInstallRow | null> {
      const [row] = await db.delete(slackInstalls).where(eq(slackInstalls.orgId, orgId)).returning();
      return row ?? null;
    },

    async insertState(values: typeof slackOauthStates.$inferInsert): Promise<void> {
      await db.insert(slackOauthStates).values(values);
    },

    /** Marks the state used and returns it; null when unknown or already used (single use, even under races). */
    async consumeState(stateHash: string, at: Date) {
      const [row] = await db
        .update(slackOauthStates)
        .set({ usedAt: at })
        .where(and(eq(slackOauthStates.stateHash, stateHash), isNull(slackOauthStates.usedAt)))
        .returning();
      return row ?? null;
    },
  };
}
