import type { AdAccount } from '../../lib/types.ts';

/** A manager account (Google MCC) and the clients reached through it. */
export interface ManagerGroup {
  manager: AdAccount;
  clients: AdAccount[];
}

export interface PickerGroups {
  /** Accounts the grant names themselves. */
  direct: AdAccount[];
  /** Managers are not added (no numbers of their own): they are shown as the access path. */
  managers: ManagerGroup[];
  /** Every account that can be added, in display order. */
  selectable: AdAccount[];
}

/** Splits a connection's accounts into those granted directly and those reached through a manager. */
export function groupAccounts(accounts: readonly AdAccount[]): PickerGroups {
  const managers = accounts.filter((a) => a.isManager).map((manager): ManagerGroup => ({ manager, clients: [] }));
  const byManagerId = new Map(managers.map((group) => [group.manager.platformAccountId, group]));
  const direct: AdAccount[] = [];
  for (const account of accounts) {
    if (account.isManager) continue;
    const group = account.managerAccountId ? byManagerId.get(account.managerAccountId) : undefined;
    if (group) group.clients.push(account);
    else direct.push(account);
  }
  return { direct, managers, selectable: [...direct, ...managers.flatMap((group) => group.clients)] };
}

/**
 * What the picker starts with: on a first pick, the accounts ticked on the platform's consent
 * page (the grant names them); afterwards, what is added now.
 */
export function initialChoice(accounts: readonly AdAccount[]): { chosen: Set<string>; isFirstPick: boolean } {
  const added = accounts.filter((a) => a.selected && !a.isManager).map((a) => a.id);
  if (added.length > 0) return { chosen: new Set(added), isFirstPick: false };
  return { chosen: new Set(accounts.filter((a) => a.isGrantedDirectly && !a.isManager).map((a) => a.id)), isFirstPick: true };
}

export const accountsLabel = (n: number) => `${n} account${n === 1 ? '' : 's'}`;

const STATUS_LABELS: Record<AdAccount['status'], string> = { active: 'Active', paused: 'Paused', removed: 'Removed', archived: 'Archived' };
export const accountStatusLabel = (status: AdAccount['status']) => STATUS_LABELS[status];
