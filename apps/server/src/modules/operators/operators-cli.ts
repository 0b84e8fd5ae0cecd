import { OPERATOR_ROLES, type Db, type OperatorRole } from '@adloop/db';
import { createOperator } from './operators.service.ts';

const isRole = (value: string | undefined): value is OperatorRole => OPERATOR_ROLES.some((role) => role === value);

/** Reads `--name value` from the arguments. */
function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

export const OPERATORS_USAGE = `Usage: adloop operators add --email <email> --role ${OPERATOR_ROLES.join('|')}`;

/**
 * `adloop operators add`: creates an operator account and prints its one-time password and the
 * TOTP secret to enrol (the console asks for both at every sign-in). Returns the usage text for bad input.
 */
export async function operatorsCommand(args: readonly string[], db: () => Promise<{ db: Db; secretKey: string; close: () => Promise<void> }>, say: (line: string) => void, now = new Date()): Promise<string | null> {
  const email = option(args, 'email');
  const role = option(args, 'role');
  if (args[0] !== 'add' || !email || !/^[^@\s]+@[^@\s]+$/.test(email) || !isRole(role)) return OPERATORS_USAGE;
  const opened = await db();
  try {
    const created = await createOperator(opened.db, opened.secretKey, { email, role }, now);
    say(`Operator ${created.email} (${created.role}) created.`);
    say(`One-time password: ${created.password}`);
    say(`Two-factor authentication (required): add this to an authenticator app`);
    say(`  secret: ${created.totpSecret}`);
    say(`  ${created.otpauthUrl}`);
    say('Sign in at /ops with the email, this password and a 6-digit code; the one-time password only lets you choose your own. Neither is shown again.');
    return null;
  } finally {
    await opened.close();
  }
}
