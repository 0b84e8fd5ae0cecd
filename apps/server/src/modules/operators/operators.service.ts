import { randomUUID } from 'node:crypto';
import type { Db, OperatorRole } from '@adloop/db';
import { encryptSecret, randomToken } from '../../platform/crypto.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createTotpSecret, totpUri } from '../auth/totp.ts';
import { operatorSecretAad } from './operators.auth.ts';
import { insertOperator, insertOperatorAudit } from './operators.repository.ts';

export interface NewOperator {
  id: string;
  email: string;
  role: OperatorRole;
  /** Shown once: only its hash is kept. */
  password: string;
  /** The TOTP secret to enrol in an authenticator app (shown once, also as `otpauthUrl`). */
  totpSecret: string;
  otpauthUrl: string;
}

/** Creates an operator account with a generated password and its TOTP secret: MFA from the first sign-in. */
export async function createOperator(db: Db, secretKey: string, input: { email: string; role: OperatorRole }, now: Date): Promise<NewOperator> {
  const email = input.email.trim().toLowerCase();
  const password = randomToken(18);
  const totpSecret = createTotpSecret();
  const row = await insertOperator(db, {
    id: randomUUID(),
    email,
    role: input.role,
    passwordHash: await hashPassword(password),
    mfaSecretEnc: (id) => encryptSecret(secretKey, totpSecret, operatorSecretAad(id)),
    at: now,
  });
  await insertOperatorAudit(db, { operatorId: null, operatorEmail: 'adloop operators add', action: 'operator.created', details: { operatorId: row.id, email, role: input.role }, at: now });
  return { id: row.id, email, role: row.role, password, totpSecret, otpauthUrl: totpUri(totpSecret, `ops:${email}`) };
}
