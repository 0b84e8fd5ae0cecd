import type { OperatorRole } from '@adloop/db';

/**
 * What each operator role may reach. Support reads tenants and impersonates; Finance sees billing
 * only; On-Call sees system metrics and jobs only; a Platform Admin does everything, including
 * suspending and deleting tenants and managing other operators.
 */
export const OPERATOR_AREAS = ['tenants:read', 'tenants:manage', 'impersonate', 'billing', 'system', 'audit', 'operators'] as const;
export type OperatorArea = (typeof OPERATOR_AREAS)[number];

const AREAS_BY_ROLE: Record<OperatorRole, readonly OperatorArea[]> = {
  platform_admin: OPERATOR_AREAS,
  support: ['tenants:read', 'impersonate'],
  finance: ['billing'],
  on_call: ['system'],
};

export function operatorCan(role: OperatorRole, area: OperatorArea): boolean {
  return AREAS_BY_ROLE[role].includes(area);
}

/** Everything the role may reach, for the console's navigation. */
export function operatorAreas(role: OperatorRole): readonly OperatorArea[] {
  return AREAS_BY_ROLE[role];
}
