import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type Reply, type TestApp } from './harness.js';
import { adminClient, newIdNumber, refusedWithoutChange, snapshot } from './support.js';

// The scope proof: for each demo role, a record outside its scope is neither listed, nor readable
// by id, nor writable — and no response ever carries its name. Inside-scope positives make sure a
// role that refused everything could not pass.

/** Marker people (and a post beside each) with names found nowhere else in the demo district. */
const MARKERS = {
  xicheng: { org: 'SFQ-T2-U0', name: '西城标记甲' }, // 西城街道财政所
  czj: { org: 'SFQ-CZJ', name: '财政局标记乙' }, // 区财政局, supervised by group 2
  school: { org: 'SFQ-JYJ-U0', name: '一中标记丙' }, // 示范区第一中学, under 教育局 (group 1)
  wjwSection: { org: 'SFQ-WJW-S1', name: '卫健标记丁' }, // a section of 卫健委 (group 1)
  zhifa: { org: 'SFQ-T1-U1', name: '执法队标记戊' }, // 东城街道综合执法队
  caizheng: { org: 'SFQ-T1-U0', name: '财政所标记己' }, // 东城街道财政所: unit1's unit, cadre1's colleague
  pz2: { org: 'SFQ-PZ2', name: '二组标记庚' }, // 第二派驻纪检组
  root: { org: 'SFQ-JW', name: '纪委标记辛' }, // the commission itself
  station: { org: 'SFQ-WS-XFJ', name: '工作站标记壬' }, // 信访预警工作站
} as const;
type MarkerKey = keyof typeof MARKERS;
const ALL_MARKERS = Object.keys(MARKERS) as MarkerKey[];

interface RoleCase {
  user: string;
  /** The org codes whose subtrees (`subtrees`) or exactly which orgs (`orgs`) the role reads; null: all. */
  orgScope: { subtrees: string[] } | { orgs: string[] } | null;
  insidePeople: MarkerKey[];
  outsidePeople: MarkerKey[];
  outsideOrgs: string[];
  peopleRead: boolean;
  /** Status of a write on an outside record: 404 when the role may write somewhere, else 403. */
  peopleWriteRefusal: 403 | 404;
  orgWriteRefusal: 403 | 404;
  /** What the role does with user accounts and the audit log: nothing, read both, or also change accounts. */
  accounts: 'none' | 'read' | 'write';
}

// center, leader1 and admin read the whole district (orgScope null): no record lies outside their
// scope, so their outsideOrgs and outsidePeople are empty, and their proof is that they list every
// org and read every marker.
const CASES: RoleCase[] = [
  {
    user: 'center',
    orgScope: null,
    insidePeople: ALL_MARKERS,
    outsidePeople: [],
    outsideOrgs: [],
    peopleRead: true,
    peopleWriteRefusal: 404,
    orgWriteRefusal: 404,
    accounts: 'read',
  },
  {
    user: 'leader1',
    orgScope: null,
    insidePeople: ALL_MARKERS,
    outsidePeople: [],
    outsideOrgs: [],
    peopleRead: true,
    peopleWriteRefusal: 403,
    orgWriteRefusal: 403,
    accounts: 'none',
  },
  {
    // The system administrator (0002, 0500): scope all, every built-in role's permission (the sealed
    // clue channel aside) and the accounts themselves; it must bind TOTP before any of it.
    user: 'admin',
    orgScope: null,
    insidePeople: ALL_MARKERS,
    outsidePeople: [],
    outsideOrgs: [],
    peopleRead: true,
    peopleWriteRefusal: 404,
    orgWriteRefusal: 404,
    accounts: 'write',
  },
  {
    user: 'paizhu1',
    orgScope: { subtrees: ['SFQ-JYJ', 'SFQ-WJW', 'SFQ-MZJ', 'SFQ-RSJ', 'SFQ-TJJ', 'SFQ-PZ1'] },
    insidePeople: ['school', 'wjwSection'],
    outsidePeople: ['czj', 'xicheng', 'zhifa', 'pz2', 'root', 'station'],
    outsideOrgs: ['SFQ-CZJ', 'SFQ-CZJ-S1', 'SFQ-PZ2', 'SFQ-JW', 'SFQ-T1'],
    peopleRead: true,
    peopleWriteRefusal: 403,
    orgWriteRefusal: 403,
    accounts: 'none',
  },
  {
    user: 'town1',
    orgScope: { subtrees: ['SFQ-T1'] },
    insidePeople: ['zhifa', 'caizheng'],
    outsidePeople: ['xicheng', 'czj', 'school', 'root'],
    outsideOrgs: ['SFQ-T2', 'SFQ-T2-U0', 'SFQ-JW', 'SFQ-CZJ'],
    peopleRead: true,
    peopleWriteRefusal: 404,
    orgWriteRefusal: 404,
    accounts: 'none',
  },
  {
    user: 'unit1',
    orgScope: { subtrees: ['SFQ-T1-U0'] },
    insidePeople: ['caizheng'],
    outsidePeople: ['zhifa', 'xicheng', 'root'],
    outsideOrgs: ['SFQ-T1-U1', 'SFQ-T1', 'SFQ-T2-U0'],
    peopleRead: true,
    peopleWriteRefusal: 404,
    orgWriteRefusal: 403,
    accounts: 'none',
  },
  {
    user: 'cadre1',
    orgScope: { orgs: ['SFQ-T1-U0'] },
    insidePeople: [],
    outsidePeople: ['caizheng', 'zhifa', 'xicheng'],
    outsideOrgs: ['SFQ-T1', 'SFQ-T1-U1'],
    peopleRead: true,
    peopleWriteRefusal: 403,
    orgWriteRefusal: 403,
    accounts: 'none',
  },
  {
    user: 'station1',
    orgScope: { orgs: ['SFQ-WS-XFJ'] },
    insidePeople: [],
    outsidePeople: ['station', 'xicheng'],
    outsideOrgs: ['SFQ-XFJ', 'SFQ-JW'],
    peopleRead: false,
    peopleWriteRefusal: 403,
    orgWriteRefusal: 403,
    accounts: 'none',
  },
];

describe(`data scope of every demo role (${ENGINE})`, () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const people = new Map<MarkerKey, { id: number; idNumber: string; postId: number; postName: string }>();
  const db = () => t.ctx.database.db;

  beforeAll(async () => {
    t = await createTestApp();
    // The administrator binds TOTP first: until then every /api/v1 route refuses it.
    for (const c of CASES) clients.set(c.user, c.user === 'admin' ? await adminClient(t) : await login(t, c.user));
    const center = clients.get('center')!;
    for (const key of ALL_MARKERS) {
      const m = MARKERS[key];
      const orgId = await orgIdByCode(t, m.org);
      const postName = `标记岗位-${key}`; // a post is an org's record: its name must not carry the person's
      const post = await center.post('/api/v1/posts', { orgId, name: postName });
      expect(post.status).toBe(201);
      const idNumber = newIdNumber();
      const res = await center.post('/api/v1/people', { orgId, name: m.name, idNumber, postIds: [post.body.id] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      people.set(key, { id: res.body.id, idNumber, postId: post.body.id, postName });
    }
    // The names are unique in the whole district, so "not in the body" means "not disclosed".
    for (const key of ALL_MARKERS) {
      const n = await db().selectFrom('people').select('id').where('name', 'like', `%${MARKERS[key].name}%`).execute();
      expect(n.length).toBe(1);
    }
  });
  afterAll(() => t.close());

  /** The ids of the orgs a role should read, computed from the tree. */
  async function expectedOrgIds(c: RoleCase): Promise<number[]> {
    let q = db().selectFrom('orgs').select('id').where('retired_at', 'is', null);
    if (c.orgScope && 'subtrees' in c.orgScope) {
      const paths = await db().selectFrom('orgs').select('path').where('code', 'in', c.orgScope.subtrees).execute();
      expect(paths.length).toBe(c.orgScope.subtrees.length);
      q = q.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p.path}%`))));
    } else if (c.orgScope) {
      q = q.where('code', 'in', c.orgScope.orgs);
    }
    return (await q.orderBy('id').execute()).map((r) => r.id);
  }

  const text = (r: Reply) => JSON.stringify(r.body);

  /** Whether some org in scope lies under this one. */
  async function isAncestorOfScope(orgId: number, inScope: Set<number>): Promise<boolean> {
    const { path } = await db().selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
    const under = await db().selectFrom('orgs').select('id').where('path', 'like', `${path}%`).execute();
    return under.some((o) => inScope.has(o.id));
  }

  describe.each(CASES)('$user', (c) => {
    const client = () => clients.get(c.user)!;

    it('GET /orgs lists exactly the orgs in scope', async () => {
      const res = await client().get('/api/v1/orgs');
      expect(res.status).toBe(200);
      const listed = res.body.items.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b);
      expect(listed).toEqual(await expectedOrgIds(c));
      for (const code of c.outsideOrgs) {
        const name = (await db().selectFrom('orgs').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
        expect(text(res)).not.toContain(`"${name}"`);
      }
    });

    it('outside orgs: not readable (404), not writable, not usable as a parent or an org for new records; nothing changes', async () => {
      const before = await snapshot(t);
      for (const code of c.outsideOrgs) {
        const id = await orgIdByCode(t, code);
        const name = (await db().selectFrom('orgs').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
        const replies: [string, Reply, number][] = [
          ['GET', await client().get(`/api/v1/orgs/${id}`), 404],
          ['PATCH', await client().patch(`/api/v1/orgs/${id}`, { name: '越权改名' }), c.orgWriteRefusal],
          ['move', await client().post(`/api/v1/orgs/${id}/move`, { parentId: id }), c.orgWriteRefusal],
          ['retire', await client().post(`/api/v1/orgs/${id}/retire`), c.orgWriteRefusal],
          ['child', await client().post('/api/v1/orgs', { parentId: id, name: '越权下级', kind: 'section' }), c.orgWriteRefusal],
          ['person', await client().post('/api/v1/people', { orgId: id, name: '越权新增', idNumber: newIdNumber() }), c.peopleWriteRefusal],
          ['post', await client().post('/api/v1/posts', { orgId: id, name: '越权岗位' }), c.peopleWriteRefusal],
        ];
        for (const [what, res, status] of replies) {
          expect({ code, what, status: res.status }).toEqual({ code, what, status });
          expect(text(res)).not.toContain(name);
        }
        if (c.peopleRead) {
          // Filtering by an outside org yields nothing outside the scope (an ancestor's subtree
          // legitimately yields the part of it that is inside).
          const inScope = new Set(await expectedOrgIds(c));
          const listed = await client().get(`/api/v1/people?orgId=${id}&subtree=true&pageSize=200`);
          const posts = await client().get(`/api/v1/posts?orgId=${id}&subtree=true&pageSize=200`);
          expect([listed.status, posts.status]).toEqual([200, 200]);
          for (const item of [...listed.body.items, ...posts.body.items]) expect({ code, orgId: item.orgId, inScope: inScope.has(item.orgId) }).toEqual({ code, orgId: item.orgId, inScope: true });
          if (!inScope.has(id) && !(await isAncestorOfScope(id, inScope))) expect({ code, people: listed.body.total, posts: posts.body.total }).toEqual({ code, people: 0, posts: 0 });
        }
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('outside people and their posts: not listed, not found by name or ID number, 404 by id, not writable; nothing changes', async () => {
      const list = await client().get('/api/v1/people?pageSize=200');
      const posts = await client().get('/api/v1/posts?pageSize=200');
      if (!c.peopleRead) {
        expect([list.status, posts.status]).toEqual([403, 403]);
      } else {
        expect([list.status, posts.status]).toEqual([200, 200]);
        // One page holds the whole scope, so "not in the body" means "not listed".
        if (c.outsidePeople.length) expect([list.body.total <= 200, posts.body.total <= 200]).toEqual([true, true]);
      }
      const inScope = new Set(await expectedOrgIds(c));
      const before = await snapshot(t);
      for (const key of c.outsidePeople) {
        const { name } = MARKERS[key];
        const p = people.get(key)!;
        expect(text(list)).not.toContain(name);
        expect(text(posts)).not.toContain(name);
        const readStatus = c.peopleRead ? 404 : 403;
        const replies: [string, Reply, number][] = [
          ['GET', await client().get(`/api/v1/people/${p.id}`), readStatus],
          ['PATCH', await client().patch(`/api/v1/people/${p.id}`, { name: '越权改名' }), c.peopleWriteRefusal],
          ['retire', await client().post(`/api/v1/people/${p.id}/retire`), c.peopleWriteRefusal],
          ['assign', await client().post(`/api/v1/people/${p.id}/assignments`, { postId: p.postId, startedOn: '2026-11-23' }), c.peopleWriteRefusal],
        ];
        if (c.peopleRead) {
          replies.push(['q=name', await client().get(`/api/v1/people?q=${encodeURIComponent(name)}&includeRetired=true`), 200]);
          replies.push(['q=idNumber', await client().get(`/api/v1/people?q=${p.idNumber}`), 200]);
        }
        // The post beside the person belongs to the person's org: out of reach when that org is.
        const orgId = await orgIdByCode(t, MARKERS[key].org);
        if (!inScope.has(orgId)) {
          expect(text(posts)).not.toContain(p.postName);
          replies.push(['post GET', await client().get(`/api/v1/posts/${p.postId}`), readStatus]);
          replies.push(['post PATCH', await client().patch(`/api/v1/posts/${p.postId}`, { name: '越权改名' }), c.peopleWriteRefusal]);
          replies.push(['post retire', await client().post(`/api/v1/posts/${p.postId}/retire`), c.peopleWriteRefusal]);
          if (c.peopleRead) replies.push(['posts q', await client().get(`/api/v1/posts?q=${p.postName}`), 200]);
        }
        for (const [what, res, status] of replies) {
          expect({ key, what, status: res.status }).toEqual({ key, what, status });
          expect(text(res)).not.toContain(name);
          expect(text(res)).not.toContain(p.idNumber.slice(0, 14));
          if (status === 200) expect({ key, what, total: res.body.total }).toEqual({ key, what, total: 0 });
        }
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('the people export holds exactly the people in scope, ID numbers masked; outside ones never', async () => {
      const res = await t.app.inject({ url: '/api/v1/people/export', headers: { authorization: `Bearer ${client().token}` } });
      if (!c.peopleRead) {
        expect(res.statusCode).toBe(403);
        return;
      }
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
      const names = rows.map((r) => String(r[1]));
      const ids = rows.map((r) => String(r[4]));
      for (const key of c.insidePeople) expect(names).toContain(MARKERS[key].name);
      for (const key of c.outsidePeople) expect(names).not.toContain(MARKERS[key].name);
      expect(ids.every((id) => /^\d{6}\*{8}\d{3}[\dX]$/.test(id))).toBe(true);
      const list = await client().get('/api/v1/people?pageSize=1');
      expect(rows.length).toBe(list.body.total);
    });

    it('inside people are listed and readable in full (positive control)', async () => {
      const list = await client().get('/api/v1/people?pageSize=200');
      for (const key of c.insidePeople) {
        const p = people.get(key)!;
        if (c.orgScope === null) {
          const found = await client().get(`/api/v1/people?q=${encodeURIComponent(MARKERS[key].name)}`);
          expect(found.body.items.map((x: { id: number }) => x.id)).toEqual([p.id]);
        } else {
          expect(list.body.items.map((x: { id: number }) => x.id)).toContain(p.id);
        }
        const detail = await client().get(`/api/v1/people/${p.id}`);
        expect(detail.status).toBe(200);
        expect(detail.body).toMatchObject({ id: p.id, name: MARKERS[key].name, idNumber: p.idNumber });
        const post = await client().get(`/api/v1/posts/${p.postId}`);
        expect(post.body.holders).toEqual([{ personId: p.id, name: MARKERS[key].name }]);
      }
    });

    it('users and the audit log are read by the centre and the administrator only; accounts are changed by the administrator only', async () => {
      const users = await client().get('/api/v1/users');
      const audit = await client().get('/api/v1/audit-entries');
      expect([users.status, audit.status]).toEqual(c.accounts === 'none' ? [403, 403] : [200, 200]);
      // A change to one's own account that would change nothing but the audit log.
      const self = await db().selectFrom('users').select(['id', 'display_name']).where('username', '=', c.user).executeTakeFirstOrThrow();
      const rename = () => client().patch(`/api/v1/users/${self.id}`, { displayName: self.display_name });
      if (c.accounts === 'write') expect((await rename()).status).toBe(200);
      else await refusedWithoutChange(t, rename, 403, 'auth.forbidden');
    });
  });

  describe('inside-scope writes succeed for the roles that may write', () => {
    it('town1 edits a person and an org of its township; unit1 a person of its unit', async () => {
      const zhifa = people.get('zhifa')!;
      const caizheng = people.get('caizheng')!;
      const a = await clients.get('town1')!.patch(`/api/v1/people/${zhifa.id}`, { phone: '13800000001' });
      expect([a.status, a.body.phone]).toEqual([200, '13800000001']);
      const u1 = await orgIdByCode(t, 'SFQ-T1-U1');
      const b = await clients.get('town1')!.patch(`/api/v1/orgs/${u1}`, { shortName: '执法队' });
      expect([b.status, b.body.shortName]).toEqual([200, '执法队']);
      const c = await clients.get('unit1')!.patch(`/api/v1/people/${caizheng.id}`, { phone: '13800000002' });
      expect([c.status, c.body.phone]).toEqual([200, '13800000002']);
      // unit1 reads its township's org tree? No: only its own unit.
      expect((await clients.get('unit1')!.get(`/api/v1/orgs/${u1}`)).status).toBe(404);
    });
  });

  describe('cadre1: only their own person record', () => {
    it('lists and reads only themselves, sees their unit’s posts without any colleague’s name', async () => {
      const cadre1 = clients.get('cadre1')!;
      const self = await db().selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select(['people.id', 'people.name', 'people.org_id']).where('users.username', '=', 'cadre1').executeTakeFirstOrThrow();
      const colleagues = await db().selectFrom('people').select(['id', 'name']).where('org_id', '=', self.org_id).where('id', '<>', self.id).execute();
      expect(colleagues.length).toBe(4); // 所长, 纪检负责人 (unit1), the other 会计, and the marker
      const list = await cadre1.get('/api/v1/people');
      expect(list.body.items.map((p: { id: number }) => p.id)).toEqual([self.id]);
      expect(list.body.total).toBe(1);
      expect((await cadre1.get(`/api/v1/people/${self.id}`)).status).toBe(200);
      const posts = await cadre1.get('/api/v1/posts?pageSize=200');
      expect(posts.status).toBe(200);
      expect(posts.body.items.length).toBeGreaterThan(0);
      const holders = posts.body.items.flatMap((p: { holders: { personId: number }[] }) => p.holders.map((h) => h.personId));
      expect(holders).toEqual([self.id]);
      const raw = JSON.stringify(posts.body) + JSON.stringify(list.body);
      // Names may share characters; compare only the colleagues whose name is not part of cadre1's own.
      for (const c of colleagues) if (!self.name.includes(c.name)) expect(raw).not.toContain(c.name);
      for (const c of colleagues) {
        const res = await cadre1.get(`/api/v1/people/${c.id}`);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(c.name);
      }
    });
  });

  describe('the prefix trap', () => {
    it('an org whose path merely starts with the same digits is outside the subtree', async () => {
      const t1 = await db().selectFrom('orgs').select(['id', 'path', 'parent_id']).where('code', '=', 'SFQ-T1').executeTakeFirstOrThrow();
      const root = await db().selectFrom('orgs').select(['id', 'path']).where('code', '=', 'SFQ-JW').executeTakeFirstOrThrow();
      // A sibling of 东城街道 whose id begins with 东城街道's id: path "1.140." vs "1.1409.".
      const trapId = Number(`${t1.id}9`);
      const trapPath = `${root.path}${trapId}.`;
      expect(trapPath.startsWith(t1.path.slice(0, -1))).toBe(true);
      await db()
        .insertInto('orgs')
        .values({ id: trapId, parent_id: root.id, path: trapPath, depth: 1, name: '前缀陷阱单位', kind: 'unit', code: 'SFQ-TRAP', sort_order: 0 })
        .execute();
      const center = clients.get('center')!;
      const p = await center.post('/api/v1/people', { orgId: trapId, name: '前缀陷阱标记', idNumber: newIdNumber() });
      expect(p.status).toBe(201);
      const town1 = clients.get('town1')!;
      const orgs = await town1.get('/api/v1/orgs');
      expect(orgs.body.items.map((o: { id: number }) => o.id)).not.toContain(trapId);
      expect((await town1.get(`/api/v1/orgs/${trapId}`)).status).toBe(404);
      expect((await town1.get(`/api/v1/people/${p.body.id}`)).status).toBe(404);
      const list = await town1.get('/api/v1/people?pageSize=200');
      expect(JSON.stringify(list.body)).not.toContain('前缀陷阱');
      expect((await town1.patch(`/api/v1/people/${p.body.id}`, { name: 'x' })).status).toBe(404);
    });
  });
});
