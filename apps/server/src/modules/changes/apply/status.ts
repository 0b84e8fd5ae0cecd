import type { FieldApply } from './field-apply.ts';

/** A campaign's status: only `paused` and `active` are ever sent. */
export const statusApply: FieldApply = {
  mirrorValue: (c) => c.status,
  platformValue: (c) => c.status,
  send: (adapter, t) => adapter.campaigns.setStatus(t.tokens, t.ref, t.platformId, t.after === 'paused' ? 'paused' : 'active'),
};
