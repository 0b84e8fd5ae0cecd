import { createContext, useContext } from 'react';
import type { Me, MyOrganization } from '../../lib/types.ts';

export interface OrgContextValue {
  me: Me;
  org: MyOrganization;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The signed-in person and the organisation in the URL; only inside the app shell. */
export function useCurrentOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error('useCurrentOrg must be used inside the app shell');
  return value;
}
