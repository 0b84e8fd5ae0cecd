import type { FieldApply } from './field-apply.ts';

/** A campaign's name, as the platform stores it (`capabilities.renameLevels` includes campaigns everywhere). */
export const nameApply: FieldApply = {
  mirrorValue: (c) => c.name,
  platformValue: (c) => c.name,
  send: async (adapter, t) => {
    await adapter.changes.rename(t.tokens, t.ref, { level: 'campaign', id: t.platformId }, t.after);
    return adapter.campaigns.getCampaign(t.tokens, t.ref, t.platformId);
  },
};
