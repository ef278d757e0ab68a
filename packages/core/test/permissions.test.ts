import { describe, expect, it } from 'vitest';
import {
  hasPermission,
  orgPathInScopes,
  PERMISSION_KEYS,
  permissionsBeyond,
  permissionsOf,
  personInScopes,
  scopesFor,
  type Actor,
  type Grant,
  type Permission,
  type ResolvedScope,
} from '../src/index.js';

const grant = (roleCode: string, permissions: Permission[], scope: ResolvedScope): Grant => ({
  roleCode,
  permissions: new Set(permissions),
  scope,
});

const actor = (...grants: Grant[]): Actor => ({
  userId: 7,
  username: 'u',
  displayName: 'U',
  personId: 70,
  orgId: 12,
  grants,
});

const township = grant('township', ['orgs.read', 'orgs.write', 'people.read', 'people.write'], { kind: 'subtrees', paths: ['1.12.'] });
const group = grant('dispatched_group', ['orgs.read', 'people.read'], { kind: 'subtrees', paths: ['1.20.', '1.30.'] });
const cadre = grant('cadre', ['orgs.read', 'people.read'], { kind: 'self', personId: 70, orgIds: [12] });
const station = grant('workstation', ['orgs.read'], { kind: 'orgs', orgIds: [40] });
const center = grant('center', ['orgs.read', 'people.read', 'audit.read'], { kind: 'all' });

describe('hasPermission', () => {
  it.each([
    [[township], 'orgs.write', true],
    [[township], 'users.write', false],
    [[group], 'people.read', true],
    [[group], 'people.write', false],
    [[station], 'people.read', false],
    [[station, cadre], 'people.read', true],
    [[], 'orgs.read', false],
    [[center], 'system.admin', false],
  ] as [Grant[], Permission, boolean][])('%#: %s', (grants, permission, expected) => {
    expect(hasPermission(actor(...grants), permission)).toBe(expected);
  });
});

describe('scopesFor', () => {
  it('returns the scope of every grant that carries the permission, in grant order', () => {
    const a = actor(station, township, cadre);
    expect(scopesFor(a, 'orgs.read')).toEqual([station.scope, township.scope, cadre.scope]);
    expect(scopesFor(a, 'people.write')).toEqual([township.scope]);
    expect(scopesFor(a, 'people.read')).toEqual([township.scope, cadre.scope]);
    expect(scopesFor(a, 'audit.read')).toEqual([]);
  });
});

describe('orgPathInScopes', () => {
  const cases: [string, ResolvedScope[], number, string, boolean][] = [
    ['all reaches anything', [{ kind: 'all' }], 99, '1.99.', true],
    ['no scopes reach nothing', [], 1, '1.', false],
    ['subtrees: the anchor itself', [{ kind: 'subtrees', paths: ['1.12.'] }], 12, '1.12.', true],
    ['subtrees: a descendant', [{ kind: 'subtrees', paths: ['1.12.'] }], 55, '1.12.30.55.', true],
    ['subtrees: the parent is outside', [{ kind: 'subtrees', paths: ['1.12.'] }], 1, '1.', false],
    ['subtrees: prefix trap 1.12. vs 1.1.', [{ kind: 'subtrees', paths: ['1.1.'] }], 12, '1.12.', false],
    ['subtrees: a sibling is outside', [{ kind: 'subtrees', paths: ['1.12.'] }], 13, '1.13.', false],
    ['subtrees: second of several paths', [{ kind: 'subtrees', paths: ['1.20.', '1.30.'] }], 31, '1.30.31.', true],
    ['subtrees: empty path list', [{ kind: 'subtrees', paths: [] }], 12, '1.12.', false],
    ['orgs: listed id', [{ kind: 'orgs', orgIds: [40, 41] }], 41, '1.4.41.', true],
    ['orgs: a child of a listed org is outside', [{ kind: 'orgs', orgIds: [40] }], 42, '1.4.40.42.', false],
    ['orgs: empty', [{ kind: 'orgs', orgIds: [] }], 40, '1.40.', false],
    ['self: own org', [{ kind: 'self', personId: 70, orgIds: [12] }], 12, '1.12.', true],
    ['self: another org', [{ kind: 'self', personId: 70, orgIds: [12] }], 13, '1.13.', false],
    ['self: no org', [{ kind: 'self', personId: null, orgIds: [] }], 12, '1.12.', false],
    ['any of several scopes', [{ kind: 'orgs', orgIds: [40] }, { kind: 'subtrees', paths: ['1.12.'] }], 50, '1.12.50.', true],
  ];
  it.each(cases)('%s', (_label, scopes, orgId, path, expected) => {
    expect(orgPathInScopes(scopes, orgId, path)).toBe(expected);
  });
});

describe('permissionsOf', () => {
  it('is the union of all grants, without duplicates, in catalogue order', () => {
    expect(permissionsOf(actor(station, township, cadre))).toEqual(['orgs.read', 'orgs.write', 'people.read', 'people.write']);
    expect(permissionsOf(actor(center, group))).toEqual(['orgs.read', 'people.read', 'audit.read']);
    expect(permissionsOf(actor())).toEqual([]);
  });

  it('lists every permission for a grant holding all of them', () => {
    expect(permissionsOf(actor(grant('sysadmin', [...PERMISSION_KEYS].reverse(), { kind: 'all' })))).toEqual(PERMISSION_KEYS);
  });
});

describe('permissionsBeyond', () => {
  const userAdminAll = grant('user_admin', ['users.read', 'users.write', 'orgs.read'], { kind: 'all' });
  const userAdminTown = grant('town_user_admin', ['users.read', 'users.write', 'orgs.read', 'people.read'], { kind: 'subtrees', paths: ['1.12.'] });
  it.each([
    ['holds every permission, scope all', [userAdminAll], ['users.read', 'orgs.read'], 'all', []],
    ['lacks some permissions', [userAdminAll], ['orgs.read', 'orgs.write', 'system.admin'], 'org', ['orgs.write', 'system.admin']],
    ['holds them only in a subtree: no role reaching everything', [userAdminTown], ['orgs.read', 'people.read'], 'all', ['orgs.read', 'people.read']],
    ['holds them in a subtree: a subtree role is fine', [userAdminTown], ['orgs.read', 'people.read'], 'org_subtree', []],
    ['holds them in a subtree: a self role is fine', [userAdminTown], ['orgs.read', 'people.read'], 'self', []],
    ['all-scope from another grant counts', [userAdminTown, center], ['orgs.read', 'people.read'], 'all', []],
    ['nothing held', [], ['orgs.read'], 'self', ['orgs.read']],
  ] as [string, Grant[], Permission[], 'all' | 'org' | 'org_subtree' | 'self', Permission[]][])('%s', (_label, grants, permissions, scopeKind, expected) => {
    expect(permissionsBeyond(actor(...grants), permissions, scopeKind)).toEqual(expected);
  });
});

describe('personInScopes', () => {
  it.each([
    ['self reaches the own person', [cadre.scope], 70, 12, '1.12.', true],
    ['self does not reach a colleague in the same org', [cadre.scope], 71, 12, '1.12.', false],
    ['self does not reach an org record', [cadre.scope], null, 12, '1.12.', false],
    ['a subtree reaches anyone below', [township.scope], 71, 15, '1.12.15.', true],
    ['a subtree does not reach outside', [township.scope], 71, 20, '1.20.', false],
    ['an org scope reaches its org’s records', [station.scope], null, 40, '1.40.', true],
  ] as [string, ResolvedScope[], number | null, number, string, boolean][])('%s', (_label, scopes, personId, orgId, path, expected) => {
    expect(personInScopes(scopes, personId, orgId, path)).toBe(expected);
  });
});
