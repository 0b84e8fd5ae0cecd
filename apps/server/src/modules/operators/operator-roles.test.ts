import { describe, expect, it } from 'vitest';
import { OPERATOR_ROLES } from '@adloop/db';
import { OPERATOR_AREAS, operatorCan } from './operator-roles.ts';

describe('operator roles', () => {
  it('gives a platform admin every area', () => {
    for (const area of OPERATOR_AREAS) expect(operatorCan('platform_admin', area)).toBe(true);
  });
  it('keeps finance to billing and on-call to the system pages', () => {
    expect(OPERATOR_AREAS.filter((area) => operatorCan('finance', area))).toEqual(['billing']);
    expect(OPERATOR_AREAS.filter((area) => operatorCan('on_call', area))).toEqual(['system']);
  });
  it('lets support read tenants and impersonate, but not suspend or delete them', () => {
    expect(OPERATOR_AREAS.filter((area) => operatorCan('support', area))).toEqual(['tenants:read', 'impersonate']);
  });
  it('gives every role at least one area', () => {
    for (const role of OPERATOR_ROLES) expect(OPERATOR_AREAS.some((area) => operatorCan(role, area))).toBe(true);
  });
});
