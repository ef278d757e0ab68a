import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { newIdNumber } from './support.js';

// The scope proof of issue 6's records: for each demo role, the talks, accountability decisions,
// personal-matter reports, rating results and archives of people outside its scope are neither
// listed nor readable by id, and no response carries their names. Inside positives make sure a
// role that refused everything could not pass.

const MARKERS = {
  xicheng: { org: 'SFQ-T2-U0', name: '西城档案标记甲' },
  czj: { org: 'SFQ-CZJ', name: '财政局档案标记乙' },
  school: { org: 'SFQ-JYJ-U0', name: '一中档案标记丙' },
  caizheng: { org: 'SFQ-T1-U0', name: '财政所档案标记己' },
} as const;
type Key = keyof typeof MARKERS;
const KEYS = Object.keys(MARKERS) as Key[];

const CASES: { user: string; inside: Key[]; seesOwn?: boolean }[] = [
  { user: 'center', inside: KEYS },
  { user: 'leader1', inside: KEYS },
  { user: 'paizhu1', inside: ['school'] },
  { user: 'town1', inside: ['caizheng'] },
  { user: 'unit1', inside: ['caizheng'] },
  { user: 'cadre1', inside: [], seesOwn: true },
];

describe(`scope of talks, accountability, personal matters, ratings and archives (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  const person: Record<Key, number> = {} as never;
  const talk: Record<Key, number> = {} as never;
  const decision: Record<Key, number> = {} as never;
  let cadre1Person: number;
  let cadre1Talk: number;
  let runId: number;

  beforeAll(async () => {
    t = await createTestApp();
    center = await login(t, 'center');
    const db = t.ctx.database.db;
    cadre1Person = (await db.selectFrom('users').select('person_id').where('username', '=', 'cadre1').executeTakeFirstOrThrow()).person_id!;
    // The talker is nobody's account: a talker sees the talks they hold wherever the subject sits.
    const talker = (await db.selectFrom('people').innerJoin('orgs', 'orgs.id', 'people.org_id').select('people.id').where('orgs.code', '=', 'SFQ-JW').orderBy('people.id').executeTakeFirstOrThrow()).id;
    const behaviour = (await center.get('/api/v1/accountability-decisions/behaviours')).body.items[0].id;
    const root = await orgIdByCode(t, 'SFQ-JW');
    let n = 0;
    const warn = (personId: number, orgId: number) =>
      db
        .insertInto('warnings')
        .values({ serial_no: `示纪预〔2025〕9${String(++n).padStart(3, '0')}号`, level: 1, subject_kind: 'person', subject_person_id: personId, subject_org_id: orgId, issuer_org_id: root, issued_on: '2025-05-05', deadline: '2025-05-12', status: 'issued', facts: '事实', basis: '依据', disposal_measures: ['提醒'], demands: ['explanation'], created_at: new Date() } as never)
        .execute();
    for (const key of KEYS) {
      const orgId = await orgIdByCode(t, MARKERS[key].org);
      const res = await center.post('/api/v1/people', { orgId, name: MARKERS[key].name, idNumber: newIdNumber() });
      person[key] = res.body.id;
      talk[key] = (await center.post('/api/v1/talks', { kind: 'reminder', personId: person[key], talkerPersonId: talker, heldOn: '2026-11-01', points: `提醒${MARKERS[key].name}`, participantIds: [] })).body.id;
      decision[key] = (await center.post('/api/v1/accountability-decisions', { decidedOn: '2026-11-01', decisionMaker: '示范区纪委', caseFacts: `${MARKERS[key].name}办事拖拉`, people: [{ personId: person[key], role: 'violator', behaviourId: behaviour, form: 'admonish_remind' }] })).body.id;
      expect((await center.post('/api/v1/personal-matter-reports', { personId: person[key], year: 2026, kind: 'annual', submittedOn: '2026-03-01' })).status).toBe(201);
      await warn(person[key], orgId);
    }
    cadre1Talk = (await center.post('/api/v1/talks', { kind: 'reminder', personId: cadre1Person, talkerPersonId: talker, heldOn: '2026-11-01', points: '提醒本人', participantIds: [] })).body.id;
    await warn(cadre1Person, await orgIdByCode(t, 'SFQ-T1-U0'));
    runId = (await center.post('/api/v1/evaluations', { year: 2025 })).body.id;
    expect((await center.post(`/api/v1/evaluations/${runId}/publish`)).status).toBe(200);
  });
  afterAll(() => t.close());

  it.each(CASES)('$user', async ({ user, inside, seesOwn }) => {
    const c = await login(t, user);
    const lists = [
      (await c.get('/api/v1/talks?pageSize=200')).body,
      (await c.get('/api/v1/accountability-decisions?pageSize=200')).body,
      (await c.get('/api/v1/personal-matter-reports?pageSize=200')).body,
      (await c.get(`/api/v1/evaluations/${runId}/results?pageSize=200&q=档案标记`)).body,
    ].map((b) => JSON.stringify(b));
    for (const key of KEYS) {
      const name = MARKERS[key].name;
      const expected = inside.includes(key);
      for (const text of lists) expect(text.includes(name), `${user} list ${expected ? 'lacks' : 'shows'} ${name}`).toBe(expected);
      expect((await c.get(`/api/v1/talks/${talk[key]}`)).status).toBe(expected ? 200 : 404);
      expect((await c.get(`/api/v1/accountability-decisions/${decision[key]}`)).status).toBe(expected ? 200 : 404);
      expect((await c.get(`/api/v1/archives/${person[key]}`)).status).toBe(expected ? 200 : 404);
    }
    if (seesOwn) {
      expect((await c.get(`/api/v1/talks/${cadre1Talk}`)).status).toBe(200);
      expect((await c.get(`/api/v1/archives/${cadre1Person}`)).body.ratings.items).toMatchObject([{ year: 2025, grade: 'fair' }]);
      const own = (await c.get(`/api/v1/evaluations/${runId}/results`)).body.items;
      expect(own.map((r: { personId: number }) => r.personId)).toEqual([cadre1Person]);
    }
  });

  it('station1 (no such permissions) is refused outright', async () => {
    const c = await login(t, 'station1');
    for (const url of ['/api/v1/talks', '/api/v1/accountability-decisions', '/api/v1/personal-matter-reports', `/api/v1/archives/${person.caizheng}`, `/api/v1/evaluations/${runId}/results`]) {
      expect((await c.get(url)).status, url).toBe(403);
    }
  });
});
