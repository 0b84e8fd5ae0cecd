import type { FastifyRequest } from 'fastify';
import type { User } from '@adloop/contracts';
import type { AuditSource } from '../audit/audit.writer.ts';
import type { UserRow } from './users.repository.ts';

/** Who is calling, as far as the auth use cases need to know (kept free of Fastify types). */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null };
}

/**
 * An audit source for a person acting without (or before having) a session: sign-up, email links,
 * a sign-in that is creating its session.
 */
export function userSource(client: ClientInfo, user: Pick<UserRow, 'id' | 'email' | 'mfaEnabledAt'>, sessionId = ''): AuditSource {
  return {
    actor: { kind: 'user', userId: user.id, email: user.email, sessionId, mfaEnabled: user.mfaEnabledAt !== null },
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

export function toUserDto(user: UserRow): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    mfaEnabled: user.mfaEnabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
