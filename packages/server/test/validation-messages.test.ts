import { FIELD_LABELS } from '@qingfeng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type Reply, type TestApp } from './harness.js';
import { newIdNumber, refusedWithoutChange } from './support.js';

// Every refusal of a bad request says what was wrong in Chinese, names the field in Chinese (its path
// in parentheses) and carries the stable code request.invalid; a refused request changes nothing.

/** The message outside its parentheses, where no Latin letter may appear. */
const outsideParentheses = (message: string) => message.replace(/（[^）]*）/g, '');

function expectChinese(res: Reply, message: string) {
  expect({ status: res.status, code: res.body.error?.code, message: res.body.error?.message }).toEqual({ status: 400, code: 'request.invalid', message });
  expect(outsideParentheses(message)).not.toMatch(/[A-Za-z]/);
}

describe(`validation messages in Chinese (${ENGINE})`, () => {
  let t: TestApp;
  let town1: Client;
  let parentId: number;
  let orgId: number;

  beforeAll(async () => {
    t = await createTestApp();
    town1 = await login(t, 'town1');
    parentId = await orgIdByCode(t, 'SFQ-T1');
    orgId = await orgIdByCode(t, 'SFQ-T1-U1');
  });
  afterAll(() => t.close());

  describe('POST /api/v1/orgs', () => {
    const org = () => ({ parentId, name: '新单位', kind: 'unit' });
    it.each([
      ['a missing field', () => ({ name: '新单位', kind: 'unit' }), '上级组织（parentId）：必填'],
      ['a wrong type', () => ({ ...org(), parentId: String(parentId) }), '上级组织（parentId）：应为数字，实际为文本'],
      ['a number out of range', () => ({ ...org(), sortOrder: -1 }), '排序（sortOrder）：不能小于 0'],
      ['a number too large', () => ({ ...org(), sortOrder: 100001 }), '排序（sortOrder）：不能大于 100000'],
      ['a fraction', () => ({ ...org(), sortOrder: 1.5 }), '排序（sortOrder）：应为整数'],
      ['a bad enum value', () => ({ ...org(), kind: 'bureau' }), '类型（kind）：不是可选的值'],
      ['a bad array element', () => ({ ...org(), supervisedOrgIds: [parentId, 0] }), '监督单位（supervisedOrgIds.1）：第 2 项应大于 0'],
    ])('400 for %s, and nothing is created', async (_name, body, message) => {
      const res = await refusedWithoutChange(t, () => town1.post('/api/v1/orgs', body()), 400, 'request.invalid');
      expectChinese(res, message);
    });
  });

  describe('POST /api/v1/people', () => {
    const person = () => ({ orgId, name: '新人', idNumber: newIdNumber() });
    it.each([
      ['a missing field', () => ({ orgId, name: '新人' }), '身份证号（idNumber）：必填'],
      ['a wrong type', () => ({ ...person(), isLeadershipMember: 'yes' }), '领导班子成员（isLeadershipMember）：应为布尔值，实际为文本'],
      ['a null', () => ({ ...person(), name: null }), '名称（name）：应为文本，不能为空'],
      ['a bad enum value', () => ({ ...person(), talkClass: 'D' }), '谈话类别（talkClass）：不是可选的值'],
      ['a bad array element', () => ({ ...person(), postIds: ['a'] }), '岗位（postIds.0）：第 1 项应为数字，实际为文本'],
      ['too many array elements', () => ({ ...person(), postIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }), '岗位（postIds）：最多 10 项'],
    ])('400 for %s, and nothing is created', async (_name, body, message) => {
      const res = await refusedWithoutChange(t, () => town1.post('/api/v1/people', body()), 400, 'request.invalid');
      expectChinese(res, message);
    });

    it('keeps the field paths and the per-field messages in issues', async () => {
      const res = await town1.post('/api/v1/people', { orgId, name: '新人', idNumber: newIdNumber(), postIds: [1, 'a'] });
      expect(res.body.error.issues).toEqual([{ field: 'postIds.1', message: '第 2 项应为数字，实际为文本' }]);
    });

    it('ignores an unknown key (objects are not strict) rather than refusing it', async () => {
      const res = await town1.post('/api/v1/people', { orgId, name: '新人', idNumber: newIdNumber(), notAField: 1, postIds: ['a'] });
      expectChinese(res, '岗位（postIds.0）：第 1 项应为数字，实际为文本');
    });
  });

  describe('query strings', () => {
    it.each([
      ['/api/v1/people?pageSize=500', '每页条数（pageSize）：不能大于 200'],
      ['/api/v1/people?page=0', '页码（page）：不能小于 1'],
      ['/api/v1/people?page=abc', '页码（page）：应为数字'],
      ['/api/v1/people?talkClass=D', '谈话类别（talkClass）：不是可选的值'],
      ['/api/v1/people?subtree=yes', '含下级（subtree）：不是可选的值'],
      ['/api/v1/orgs?kind=bureau', '类型（kind）：不是可选的值'],
    ])('400 for %s', async (url, message) => {
      expectChinese(await town1.get(url), message);
    });

    it('400 for a bad path parameter', async () => {
      expectChinese(await town1.get('/api/v1/orgs/abc'), '编号（id）：应为数字');
    });
  });

  it('a refusal Fastify raises itself says so in Chinese, without its FST_ERR code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { authorization: `Bearer ${town1.token}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'request.invalid', message: '请求参数不正确' });
  });

  it('every field of every request (body, query string, path) has a Chinese label', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const resolve = (s: any): any => (s?.$ref ? resolve(s.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc)) : s);
    const names = new Map<string, string>();
    const walk = (schema: any, where: string, seen = new Set<any>()) => {
      const s = resolve(schema);
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
        if (!names.has(k)) names.set(k, where);
        walk(v, where, seen);
      }
      for (const key of ['items', 'additionalProperties', 'not']) if (typeof s[key] === 'object') walk(s[key], where, seen);
      for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) for (const sub of s[key] ?? []) walk(sub, where, seen);
    };
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) if (p.in !== 'header' && p.in !== 'cookie' && !names.has(p.name)) names.set(p.name, where);
        for (const content of Object.values<any>(op.requestBody?.content ?? {})) walk(content.schema, where);
      }
    }
    expect(names.size).toBeGreaterThan(100);
    const unlabelled = [...names].filter(([name]) => !FIELD_LABELS[name]).map(([name, where]) => `${name} (${where})`);
    expect(unlabelled).toEqual([]);
  });
});
