import { describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS, invitationEmail, invitationStatus } from './invitations.rules.ts';

const now = new Date('2030-01-10T12:00:00Z');
const pending = { acceptedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };

describe('invitationStatus', () => {
  it('is valid until the expiry instant, then expired', () => {
    expect(invitationStatus(pending, now)).toBe('valid');
    expect(invitationStatus(pending, pending.expiresAt)).toBe('expired');
  });

  it('reports used and revoked even after expiry', () => {
    const later = new Date(now.getTime() + 2 * INVITATION_TTL_MS);
    expect(invitationStatus({ ...pending, acceptedAt: now }, later)).toBe('used');
    expect(invitationStatus({ ...pending, revokedAt: now }, later)).toBe('revoked');
  });
});

describe('invitationEmail', () => {
  const email = invitationEmail({
    orgName: 'Acme <b>\nSubject: x',
    inviterName: 'Ada',
    role: 'admin',
    link: 'http://localhost:3000/accept-invitation?token=abc&x=1',
    expiresAt: now,
  });

  it('has the link in both parts', () => {
    expect(email.text).toContain('http://localhost:3000/accept-invitation?token=abc&x=1');
    expect(email.html).toContain('href="http://localhost:3000/accept-invitation?token=abc&amp;x=1"');
  });

  it('escapes HTML and keeps the subject on one line', () => {
    expect(email.html).not.toContain('<b>');
    expect(email.subject).toBe('You are invited to join Acme <b> Subject: x on Adloop');
  });
});
