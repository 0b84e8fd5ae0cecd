import type { InvitationStatus } from '@adloop/contracts';

/** Invitations expire a week after they are sent. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Where an invitation stands at `now`. Used and revoked win over expired: they are final. */
export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
/** Names come from users; a line break in one must not reshape the subject or the text. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface InvitationEmailInput {
  orgName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresAt: Date;
}

/** The invitation email, as text and HTML; the link carries the only copy of the token. */
export function invitationEmail(input: InvitationEmailInput): { subject: string; text: string; html: string } {
  const org = oneLine(input.orgName);
  const inviter = oneLine(input.inviterName) || 'Someone';
  const expires = input.expiresAt.toUTCString();
  const subject = `You are invited to join ${org} on Adloop`;
  const text = [
    `${inviter} invited you to join ${org} on Adloop as ${input.role}.`,
    '',
    `Accept the invitation: ${input.link}`,
    '',
    `The link works once and expires on ${expires}. If you did not expect this email, ignore it.`,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(inviter)} invited you to join <strong>${escapeHtml(org)}</strong> on Adloop as ${escapeHtml(input.role)}.</p>`,
    `<p><a href="${escapeHtml(input.link)}">Accept the invitation</a></p>`,
    `<p>The link works once and expires on ${escapeHtml(expires)}. If you did not expect this email, ignore it.</p>`,
  ].join('\n');
  return { subject, text, html };
}
