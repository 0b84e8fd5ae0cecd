import type { FieldApply } from './field-apply.ts';

/**
 * A campaign's status: `paused` / `active`, or its end: `archived` / `removed` through `changes.endCampaign`
 * (`capabilities.campaignEnd` says which exist; neither can be undone on any platform, and frozen
 * statuses refuse the undo).
 */
export const statusApply: FieldApply = {
  mirrorValue: (c) => c.status,
  platformValue: (c) => c.status,
  send: (adapter, t) => {
    if (t.after === 'removed' || t.after === 'archived') return adapter.changes.endCampaign(t.tokens, t.ref, t.platformId, t.after === 'removed' ? 'remove' : 'archive');
    return adapter.campaigns.setStatus(t.tokens, t.ref, t.platformId, t.after === 'paused' ? 'paused' : 'active');
  },
};
