import { createContext, useContext } from 'react';
import type { OperatorSession } from './ops-api.ts';

export const OpsSessionContext = createContext<OperatorSession | null>(null);

/** The signed-in operator and the areas their role reaches (inside the console's layout). */
export function useOpsSession(): OperatorSession {
  const session = useContext(OpsSessionContext);
  if (!session) throw new Error('useOpsSession outside the operators’ console');
  return session;
}
