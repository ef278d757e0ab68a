import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  fieldLabel,
  isStrongPassword,
  OrgCreate,
  OrgUpdate,
  PersonCreate,
  PersonUpdate,
  PostCreate,
  PostUpdate,
  RoleCreate,
  UserCreate,
} from '../src/index.js';

describe('isStrongPassword (10+ characters from three of four classes)', () => {
  it.each([
    ['Demo@12345', true],
    ['Abcdefgh12', true],
    ['abcdefgh1!', true],
    ['ABCDEFGH1!', true],
    ['Abcdefghi!', true],
    ['廉政风险防控Abc1', true],
    ['Demo@1234', false], // nine characters
    ['abcdefghij', false],
    ['abcdefgh12', false],
    ['ABCDEFGHI!', false],
    ['1234567890', false],
    ['!@#$%^&*()', false],
    ['', false],
  ])('%s → %s', (password, expected) => {
    expect(isStrongPassword(password)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: 2, c: { z: 1, y: 2 } })).toBe(canonicalJson({ c: { y: 2, z: 1 }, a: 2, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('sorts nested objects, keeps array order, drops undefined properties', () => {
    expect(canonicalJson({ b: [3, { y: 2, x: undefined, w: null }, [2, 1]], a: { d: 's', c: true } })).toBe(
      '{"a":{"c":true,"d":"s"},"b":[3,{"w":null,"y":2},[2,1]]}',
    );
  });

  it.each([
    [null, 'null'],
    [undefined, 'null'],
    [[undefined, 1], '[null,1]'],
    ['引号"与\\', '"引号\\"与\\\\"'],
    [1.5, '1.5'],
    [false, 'false'],
    [{}, '{}'],
    [[], '[]'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('sorts keys by code unit, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, 名称: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"名称":3}');
  });
});

describe('fieldLabel', () => {
  it.each([
    [['idNumber'], '身份证号（idNumber）'],
    [['name'], '名称（name）'],
    [['roles', 0, 'scopeOrgIds', 1], '指定单位（roles.0.scopeOrgIds.1）'],
    [['supervisedOrgIds', 2], '监督单位（supervisedOrgIds.2）'],
    [['roles', 0, 'roleId'], '角色（roles.0.roleId）'],
    [['permissions', 1], '权限（permissions.1）'],
    [['notAField'], 'notAField'],
    [[], '请求体'],
  ] as [PropertyKey[], string][])('%j → %s', (path, expected) => {
    expect(fieldLabel(path)).toBe(expected);
  });
});

/** The first issue's path and message, as the HTTP layer reports them. */
function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path, message: issue.message };
}

describe('OrgCreate', () => {
  const ok = { parentId: 1, name: '区档案馆', kind: 'unit' };
  it('accepts a minimal org and fills the defaults', () => {
    expect(OrgCreate.parse(ok)).toEqual({ ...ok, sortOrder: 0, supervisedOrgIds: [] });
  });
  it.each(['bad code', 'SFQ/01', '代码', '', 'x'.repeat(41)])('refuses the code %j', (code) => {
    expect(firstIssue(OrgCreate.safeParse({ ...ok, code }))).toEqual({
      path: ['code'],
      message: '代码只能包含字母、数字、下划线和短横线',
    });
  });
  it('refuses a blank name and an unknown kind', () => {
    expect(firstIssue(OrgCreate.safeParse({ ...ok, name: '   ' }))).toEqual({ path: ['name'], message: '不能为空' });
    expect(firstIssue(OrgCreate.safeParse({ ...ok, kind: 'bureau' })).path).toEqual(['kind']);
  });
});

describe('PersonCreate', () => {
  const ok = { orgId: 3, name: '张三', idNumber: '11010519491231002X' };
  it('accepts a valid person and upper-cases a lowercase x', () => {
    expect(PersonCreate.parse({ ...ok, idNumber: ' 11010519491231002x ' })).toEqual({
      ...ok,
      talkClass: 'C',
      isLeadershipMember: false,
      isPrincipalLeader: false,
      postIds: [],
    });
  });
  it.each([
    ['110105194912310021', '身份证号校验位不正确（GB 11643）'],
    ['110101199002300000', '身份证号中的出生日期无效'],
    ['110101202302290000', '身份证号中的出生日期无效'],
    ['1101051949123100', '身份证号应为18位，前17位为数字，最后一位为数字或X'],
    ['11010519491231002Y', '身份证号应为18位，前17位为数字，最后一位为数字或X'],
  ])('refuses %s with “%s”', (idNumber, message) => {
    expect(firstIssue(PersonCreate.safeParse({ ...ok, idNumber }))).toEqual({ path: ['idNumber'], message });
  });
  it('refuses a malformed phone number', () => {
    expect(firstIssue(PersonCreate.safeParse({ ...ok, phone: 'call me' }))).toEqual({ path: ['phone'], message: '电话号码格式不正确' });
  });
});

describe('update schemas change only the fields they name', () => {
  // Zod 4 applies defaults inside .partial(): a PATCH of the name alone must not reset the rest.
  it.each([
    ['OrgUpdate', OrgUpdate, { name: '新名称' }],
    ['PersonUpdate', PersonUpdate, { name: '李四' }],
    ['PostUpdate', PostUpdate, { name: '会计' }],
  ] as const)('%s', (_name, schema, body) => {
    expect(schema.parse(body)).toEqual(body);
    expect(schema.parse({})).toEqual({});
  });
  it('create schemas still apply their defaults', () => {
    expect(PostCreate.parse({ orgId: 1, name: '会计' })).toEqual({ orgId: 1, name: '会计', isLeadership: false });
  });
});

describe('UserCreate', () => {
  const ok = { username: 'zhang.san', displayName: '张三', password: 'x', roles: [{ roleId: 2 }] };
  it('accepts a valid user', () => {
    expect(UserCreate.safeParse(ok).success).toBe(true);
  });
  it.each(['ab', 'zhang san', '张三', 'a'.repeat(41), 'x/y'])('refuses the username %j', (username) => {
    expect(firstIssue(UserCreate.safeParse({ ...ok, username }))).toEqual({
      path: ['username'],
      message: '用户名为3–40位字母、数字、下划线、点或短横线',
    });
  });
  it('refuses a user without roles', () => {
    expect(firstIssue(UserCreate.safeParse({ ...ok, roles: [] }))).toEqual({ path: ['roles'], message: '至少分配一个角色' });
  });
});

describe('RoleCreate', () => {
  const ok = { code: 'auditor', name: '审计员', permissions: ['audit.read'], scopeKind: 'all' };
  it('accepts a valid role', () => {
    expect(RoleCreate.safeParse(ok).success).toBe(true);
  });
  it('refuses a role without permissions', () => {
    expect(firstIssue(RoleCreate.safeParse({ ...ok, permissions: [] }))).toEqual({ path: ['permissions'], message: '至少选择一项权限' });
  });
  it('refuses an unknown permission and an unknown scope kind', () => {
    expect(firstIssue(RoleCreate.safeParse({ ...ok, permissions: ['audit.read', 'everything'] })).path).toEqual(['permissions', 1]);
    expect(firstIssue(RoleCreate.safeParse({ ...ok, scopeKind: 'district' })).path).toEqual(['scopeKind']);
  });
  it.each(['Auditor', '1auditor', 'a', 'audit-or'])('refuses the code %j', (code) => {
    expect(firstIssue(RoleCreate.safeParse({ ...ok, code }))).toEqual({
      path: ['code'],
      message: '角色代码须以小写字母开头，只含小写字母、数字和下划线',
    });
  });
});
