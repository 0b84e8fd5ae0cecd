import { describe, expect, it } from 'vitest';
import { seesAccount, seesConnection } from './account-scope.ts';

const person = (userId: string) => ({ kind: 'user' as const, userId, sessionId: 's', email: `${userId}@example.test`, mfaEnabled: false });
const member = { actor: person('m'), accountIds: ['a1'] };
const admin = { actor: person('x'), accountIds: null };
const theirs = { id: 'c1', connectedBy: 'someone' };
const own = { id: 'c2', connectedBy: 'm' };

describe('what a member sees on the connections page', () => {
  it('sees assigned accounts anywhere, and on their own connection the accounts not added yet', () => {
    expect(seesAccount(member, theirs, { id: 'a1', selected: true })).toBe(true);
    expect(seesAccount(member, theirs, { id: 'a2', selected: true })).toBe(false);
    expect(seesAccount(member, theirs, { id: 'a3', selected: false })).toBe(false);
    expect(seesAccount(member, own, { id: 'a3', selected: false })).toBe(true);
    // Added by someone else through the same login: hidden until assigned.
    expect(seesAccount(member, own, { id: 'a4', selected: true })).toBe(false);
  });

  it('sees a connection holding an assigned account, or their own, and an API key or admin sees all', () => {
    expect(seesConnection(member, theirs, [{ id: 'a1', connectionId: 'c1' }])).toBe(true);
    expect(seesConnection(member, theirs, [{ id: 'a2', connectionId: 'c1' }, { id: 'a1', connectionId: 'other' }])).toBe(false);
    expect(seesConnection(member, own, [])).toBe(true);
    expect(seesConnection(admin, theirs, [])).toBe(true);
    expect(seesAccount(admin, theirs, { id: 'a9', selected: true })).toBe(true);
  });
});
