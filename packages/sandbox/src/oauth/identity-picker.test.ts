import { describe, expect, it } from 'vitest';
import { identityOf, readIdentity, SAMPLE_IDENTITIES, subjectOf } from './identity-picker.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('Google sandbox identity picker', () => {
  it('gives one email one numeric subject, whatever its case, and others another', () => {
    expect(subjectOf('Pat@Example.com')).toBe(subjectOf(' pat@example.com'));
    expect(subjectOf('pat@example.com')).toMatch(/^1\d{20}$/);
    expect(subjectOf('pat@example.com')).not.toBe(subjectOf('sam@example.com'));
  });

  it('reads a sample person, or a typed one with their verified flag', () => {
    const sample = SAMPLE_IDENTITIES[1];
    expect(readIdentity(form({ identity: sample?.email ?? '' }))).toEqual(identityOf(sample?.email ?? '', sample?.name ?? ''));
    expect(readIdentity(form({ identity: 'other', other_email: 'Kim@Example.com', other_name: ' Kim ', other_verified: 'yes' })))
      .toEqual({ sub: subjectOf('kim@example.com'), email: 'kim@example.com', name: 'Kim', emailVerified: true });
    expect(readIdentity(form({ identity: 'other', other_email: 'kim@example.com' }))).toMatchObject({ emailVerified: false, name: 'kim' });
  });

  it('says what is missing instead of inventing an identity', () => {
    expect(readIdentity(form({}))).toBe('Choose an account to sign in with.');
    expect(readIdentity(form({ identity: 'stranger@example.com' }))).toBe('Choose an account to sign in with.');
    expect(readIdentity(form({ identity: 'other', other_email: 'no-at-sign' }))).toBe('Enter an email address for the other account.');
  });
});
