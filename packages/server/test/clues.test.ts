import { addWorkingDays, type HolidayCalendar } from '@qingfeng/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evictUserSessions } from '../src/auth/sessions.js';
import { loadCalendar } from '../src/calendar/calendar.repository.js';
import { assignRoleFromConsole } from '../src/users/assign-role.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, auditAfter, auditMark, createUser, expectInvalid, personIdsIn, refusedWithoutChange, roleId, snapshot, userId } from './support.js';

// Issue 4, staff side: intake (one, batch), numbering, routing, grading, disposition with approval,
// replies and deadlines, search, duplicates, export, statistics — and the secrecy rules.

describe(`clues (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, town1: Client, paizhu1: Client, station1: Client, cadre1: Client, unit1: Client, leader1: Client;
  let cal: HolidayCalendar;
  const db = () => t.ctx.database.db;
  const ids: Record<string, number> = {};

  const newClue = (over: Record<string, unknown> = {}) => ({ channel: 'petition', problemType: 'gifts', content: '反映某单位干部收受红包礼金', ...over });

  beforeAll(async () => {
    t = await createTestApp({ config: { portalPowBits: 4, portalRatePerMinute: 1000 } });
    [center, town1, paizhu1, station1, cadre1, unit1, leader1] = (await Promise.all(['center', 'town1', 'paizhu1', 'station1', 'cadre1', 'unit1', 'leader1'].map((u) => login(t, u)))) as [Client, Client, Client, Client, Client, Client, Client];
    for (const code of ['SFQ-JW', 'SFQ-T1', 'SFQ-T1-U0', 'SFQ-T1-U1', 'SFQ-T2-U0', 'SFQ-PZ1', 'SFQ-JYJ-S1', 'SFQ-GAJ', 'SFQ-WS-XFJ']) ids[code] = await orgIdByCode(t, code);
    cal = await loadCalendar(db());
  });
  afterAll(() => t.close());

  describe('POST /api/v1/clues', () => {
    it('401 without login; 403 for accounts without a clue permission', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/clues', newClue())).status).toBe(401);
      for (const c of [cadre1, unit1, leader1]) await refusedWithoutChange(t, () => c.post('/api/v1/clues', newClue()), 403, 'auth.forbidden');
    });

    it('refuses bad input with a Chinese message naming the field, storing nothing', async () => {
      expectInvalid(await refusedWithoutChange(t, () => center.post('/api/v1/clues', newClue({ channel: 'rumour' })), 400, 'request.invalid'), '来源渠道（channel）：');
      expectInvalid(await refusedWithoutChange(t, () => center.post('/api/v1/clues', newClue({ content: '   ' })), 400, 'request.invalid'), '内容（content）：不能为空');
      expectInvalid(await refusedWithoutChange(t, () => center.post('/api/v1/clues', newClue({ content: '字'.repeat(5001) })), 400, 'request.invalid'), '内容（content）：不能超过5000个字符');
      expectInvalid(await refusedWithoutChange(t, () => center.post('/api/v1/clues', newClue({ problemType: 'gossip' })), 400, 'request.invalid'), '问题类别（problemType）：');
    });

    it('refuses a subject outside the submitter’s scope', async () => {
      await refusedWithoutChange(t, () => town1.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T2-U0'] })), 400, 'clues.subject_out_of_scope');
      await refusedWithoutChange(t, () => station1.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'] })), 400, 'clues.subject_out_of_scope');
      const [someone] = await personIdsIn(t, 'SFQ-T2-U0');
      await refusedWithoutChange(t, () => paizhu1.post('/api/v1/clues', newClue({ subjectPersonId: someone!.id })), 400, 'clues.subject_out_of_scope');
    });

    it('numbers, routes by the tree and audits: township, dispatched group, centre', async () => {
      const mark = await auditMark(t);
      const cases: [string | null, string][] = [
        ['SFQ-T1-U1', 'SFQ-T1'],
        ['SFQ-JYJ-S1', 'SFQ-PZ1'],
        ['SFQ-GAJ', 'SFQ-JW'],
        [null, 'SFQ-JW'],
        ['SFQ-T1', 'SFQ-JW'], // the township commission itself is not its own handler
      ];
      for (const [subject, handler] of cases) {
        const res = await center.post('/api/v1/clues', newClue({ subjectOrgId: subject ? ids[subject] : null, subjectText: subject ? null : '不明' }));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.sealed).toBe(false);
        expect(res.body.clue.ledgerNo).toMatch(/^示纪预〔2026〕\d{4}号$/);
        expect(res.body.clue.handlerOrg.id).toBe(ids[handler]);
        expect(res.body.clue.routedAs).toBe({ 'SFQ-T1': 'township', 'SFQ-PZ1': 'group', 'SFQ-JW': 'centre' }[handler]);
      }
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(Array(5).fill('CLUE_REGISTERED'));
    });

    it('a workstation submits with its bearer token; the centre handles it; the station sees its own submission', async () => {
      const res = await station1.post('/api/v1/clues', newClue({ subjectText: '东城街道某社区主任', content: '信访件反映东城街道某社区主任违规吃喝' }));
      expect(res.status).toBe(201);
      expect(res.body.clue).toMatchObject({ handlerOrg: { id: ids['SFQ-JW'] }, sourceOrg: { id: ids['SFQ-WS-XFJ'] }, reporterKind: 'none' });
      ids.stationClue = res.body.clue.id;
      const mine = await station1.get('/api/v1/clues?pageSize=200');
      expect(mine.body.items.map((c: { id: number }) => c.id)).toContain(ids.stationClue);
      expect(mine.body.items.every((c: { actions: string[] }) => !c.actions.includes('propose'))).toBe(true);
    });

    it('ledger numbers stay gapless and unique under concurrent registration', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => center.post('/api/v1/clues', newClue({ content: `并发登记测试第${i}件：违规收费` }))));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      const seqs = (await db().selectFrom('clues').select('ledger_seq').where('ledger_year', '=', 2026).orderBy('ledger_seq').execute()).map((r) => r.ledger_seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    });
  });

  describe('POST /api/v1/clues/batch', () => {
    it('stores all items in one go', async () => {
      const res = await station1.post('/api/v1/clues/batch', { items: [newClue({ content: '批量一：吃拿卡要' }), newClue({ content: '批量二：违规收费', channel: 'petition' }), newClue({ content: '批量三', reporter: { kind: 'anonymous' } })] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.count).toBe(3);
      const nos = res.body.ledgerNos.map((n: string) => Number(n.match(/(\d{4})号/)![1]));
      expect(nos).toEqual([nos[0], nos[0] + 1, nos[0] + 2]);
    });

    it('a page counts up to 1,000 matches; the statistics count them all', async () => {
      const items = Array.from({ length: 1000 }, (_, i) => newClue({ content: `批量对接第${i}件：虚报冒领补助` }));
      expect((await station1.post('/api/v1/clues/batch', { items })).body.count).toBe(1000);
      const page = await center.get('/api/v1/clues?pageSize=5');
      expect(page.body).toMatchObject({ total: 1000, totalCapped: true });
      expect((await center.get('/api/v1/clues/statistics')).body.total).toBeGreaterThan(1000);
      expect((await center.get(`/api/v1/clues?q=${encodeURIComponent('批量对接第999件')}`)).body).toMatchObject({ total: 1, totalCapped: false });
      // A common phrase (more matches than the cap) pages in ledger order through the other plan.
      const last = (await center.post('/api/v1/clues', newClue({ content: '批量对接之外：虚报冒领补助' }))).body.clue.id;
      const dense = await center.get(`/api/v1/clues?pageSize=3&q=${encodeURIComponent('虚报冒领补助')}`);
      expect(dense.body).toMatchObject({ total: 1000, totalCapped: true });
      expect(dense.body.items.map((c: { id: number }) => c.id)[0]).toBe(last);
      expect(dense.body.items.every((c: { content: string }) => c.content.includes('虚报冒领补助'))).toBe(true);
    });

    it('all or nothing: one line per faulty item, nothing stored', async () => {
      const res = await refusedWithoutChange(
        t,
        () => station1.post('/api/v1/clues/batch', { items: [newClue(), newClue({ channel: 'rumour' }), newClue({ subjectOrgId: ids['SFQ-T1-U1'] }), newClue({ content: '' })] }),
        422,
        'clues.batch_invalid',
      );
      expect(res.body.error.rows.map((r: { row: number; field: string }) => `${r.row}:${r.field}`)).toEqual(['2:channel', '3:subjectOrgId', '4:content']);
      expect(res.body.error.message).toContain('未登记任何线索');
      await refusedWithoutChange(t, () => station1.post('/api/v1/clues/batch', { items: 'not a list' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => station1.post('/api/v1/clues/batch', { items: [] }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/clues/batch', { items: [newClue()] }), 403, 'auth.forbidden');
    });
  });

  describe('triage, routing, disposition, replies', () => {
    it('the centre routes a station’s clue to town1; others may not', async () => {
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${ids.stationClue}/assignment`, { handlerOrgId: ids['SFQ-T1'], reason: '属地' }), 404, 'not_found');
      await refusedWithoutChange(t, () => center.post(`/api/v1/clues/${ids.stationClue}/assignment`, { handlerOrgId: ids['SFQ-T1-U1'], reason: '属地' }), 400, 'clues.handler_invalid');
      await refusedWithoutChange(t, () => center.post(`/api/v1/clues/${ids.stationClue}/assignment`, { handlerOrgId: ids['SFQ-T1'], reason: '' }), 400, 'request.invalid');
      const res = await center.post(`/api/v1/clues/${ids.stationClue}/assignment`, { handlerOrgId: ids['SFQ-T1'], subjectOrgId: ids['SFQ-T1-U1'], reason: '被反映人属东城街道' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ handlerOrg: { id: ids['SFQ-T1'] }, routedAs: 'manual', subjectOrg: { id: ids['SFQ-T1-U1'] } });
      const seen = await town1.get(`/api/v1/clues/${ids.stationClue}`);
      expect(seen.status).toBe(200);
      expect(seen.body.actions).toEqual(expect.arrayContaining(['grade', 'propose']));
      expect((await paizhu1.get(`/api/v1/clues/${ids.stationClue}`)).status).toBe(404);
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${ids.stationClue}/assignment`, { handlerOrgId: ids['SFQ-JW'], reason: '退回' }), 403, 'auth.forbidden');
    });

    it('town1 grades; a bad level is refused; another handler cannot', async () => {
      expectInvalid(await refusedWithoutChange(t, () => town1.patch(`/api/v1/clues/${ids.stationClue}`, { level: 4 }), 400, 'request.invalid'), '等级（level）：');
      await refusedWithoutChange(t, () => paizhu1.patch(`/api/v1/clues/${ids.stationClue}`, { level: 2 }), 404, 'not_found');
      const res = await town1.patch(`/api/v1/clues/${ids.stationClue}`, { level: 2 });
      expect(res.body.level).toBe(2);
    });

    it('a disposal is proposed, approved by the one entitled, and closed with its outcome', async () => {
      const id = ids.stationClue;
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${id}/close`, { outcome: '了结' }), 409, 'clues.bad_state');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${id}/disposals`, { mode: 'warning', note: '预警' }), 400, 'request.invalid');
      let res = await town1.post(`/api/v1/clues/${id}/disposals`, { mode: 'preliminary_verification', note: '开展初步核实' });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending_approval');
      const dId = res.body.disposals.at(-1).id;
      // Opening a preliminary verification is the centre's decision.
      expect(res.body.actions).not.toContain('approve');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${id}/disposals/${dId}/decision`, { approve: true }), 403, 'clues.approval_not_entitled');
      res = await center.post(`/api/v1/clues/${id}/disposals/${dId}/decision`, { approve: false, comment: '先谈话函询' });
      expect(res.body.status).toBe('registered');
      res = await town1.post(`/api/v1/clues/${id}/disposals`, { mode: 'conclude', note: '经了解反映不实，予以了结' });
      const d2 = res.body.disposals.at(-1).id;
      expect(res.body.actions).toContain('approve');
      res = await town1.post(`/api/v1/clues/${id}/disposals/${d2}/decision`, { approve: true });
      expect(res.body.status).toBe('disposing');
      res = await town1.post(`/api/v1/clues/${id}/close`, { outcome: '反映问题不属实，予以了结' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'closed', outcome: '反映问题不属实，予以了结', closedOn: '2026-11-23', resultDue: null });
      expect(res.body.disposals.map((d: { decision: string }) => d.decision)).toEqual(['rejected', 'approved']);
    });

    it('a clue with a reporter cannot close before a reply visible to the reporter', async () => {
      const res = await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'], reporter: { kind: 'named', identity: { name: '举报人甲乙', phone: '13900001111' } } }));
      const id = res.body.clue.id;
      ids.named = id;
      expect(res.body.clue.ackDue).toBe(addWorkingDays(cal, '2026-11-23', 15));
      const p = await town1.post(`/api/v1/clues/${id}/disposals`, { mode: 'conclude', note: '了结' });
      await town1.post(`/api/v1/clues/${id}/disposals/${p.body.disposals.at(-1).id}/decision`, { approve: true });
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${id}/close`, { outcome: '了结' }), 409, 'clues.reply_required');
      // A named reporter off the portal cannot read a portal reply.
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${id}/replies`, { kind: 'result', via: 'portal', body: '已办结' }), 400, 'request.invalid');
      const r = await town1.post(`/api/v1/clues/${id}/replies`, { kind: 'acceptance', via: 'phone', body: '已受理' });
      expect(r.status).toBe(201);
      const closed = await town1.post(`/api/v1/clues/${id}/close`, { outcome: '了结' });
      expect(closed.body).toMatchObject({ status: 'closed', resultDue: addWorkingDays(cal, '2026-11-23', 15) });
    });

    it('merge: approved by the handler; the merged clue keeps its own reply obligations', async () => {
      const target = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'], content: '合并目标：综合执法队收受红包' }))).body.clue.id;
      const other = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'], content: '重复反映：综合执法队收受红包', reporter: { kind: 'named', identity: { name: '丙丁', phone: '13900002222' } } }))).body.clue;
      expect(other.duplicateOf).toMatchObject({ id: target });
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${other.id}/disposals`, { mode: 'merge', note: '并案', mergeIntoId: other.id }), 400, 'clues.merge_target_invalid');
      const p = await town1.post(`/api/v1/clues/${other.id}/disposals`, { mode: 'merge', note: '并案处理', mergeIntoId: target });
      const m = await town1.post(`/api/v1/clues/${other.id}/disposals/${p.body.disposals.at(-1).id}/decision`, { approve: true });
      expect(m.body).toMatchObject({ status: 'merged', mergedInto: { id: target } });
      const p2 = await town1.post(`/api/v1/clues/${target}/disposals`, { mode: 'conclude', note: '了结' });
      await town1.post(`/api/v1/clues/${target}/disposals/${p2.body.disposals.at(-1).id}/decision`, { approve: true });
      const closed = await town1.post(`/api/v1/clues/${target}/close`, { outcome: '已处理' });
      expect(closed.body.merged).toEqual([{ id: other.id, ledgerNo: other.ledgerNo }]);
      expect((await town1.get(`/api/v1/clues/${other.id}`)).body.resultDue).toBe(addWorkingDays(cal, '2026-11-23', 15));
    });

    it('an approved warning decision drafts the warning for the issuer; once issued, the clue waits to be closed', async () => {
      const id = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'] }))).body.clue.id; // handled by 东城街道
      const p = await town1.post(`/api/v1/clues/${id}/disposals`, { mode: 'warning', level: 2, note: '建议发出二级预警' });
      await refusedWithoutChange(t, () => town1.get(`/api/v1/clues/${id}/warning-draft`), 409, 'clues.bad_state');
      const res = await center.post(`/api/v1/clues/${id}/disposals/${p.body.disposals.at(-1).id}/decision`, { approve: true });
      expect(res.body).toMatchObject({ status: 'disposing', disposalMode: 'warning', disposals: [{ mode: 'warning', level: 2, decision: 'approved' }] });
      const todo = async () => (await town1.get('/api/v1/todos')).body.items.filter((i: { objectType: string; objectId: number }) => i.objectType === 'clue' && i.objectId === id);
      expect((await todo()).map((i: { kind: string; title: string }) => [i.kind, i.title])).toEqual([['clue.issue_warning', `线索 ${res.body.ledgerNo}：按处置决定发出预警`]]);

      const draft = await town1.get(`/api/v1/clues/${id}/warning-draft`);
      expect(draft.body).toEqual({
        subjectKind: 'org',
        subjectPersonId: null,
        subjectOrgId: ids['SFQ-T1-U1'],
        level: 2,
        facts: '经了解，你单位在“收受红包礼金”方面存在较为严重的问题。请对照本通知的要求，在期限内如实说明情况并认真整改。',
        basis: `预警信息台账 ${res.body.ledgerNo}（信访举报）；处置意见：建议发出二级预警`,
        clueId: id,
        disposalMeasures: ['对责任领导诫勉谈话'],
      });
      // What the subject will read names neither the clue nor its words.
      expect(draft.body.facts).not.toContain(res.body.ledgerNo);
      expect(draft.body.facts).not.toContain('反映某单位');
      await refusedWithoutChange(t, () => paizhu1.get(`/api/v1/clues/${id}/warning-draft`), 404, 'not_found');
      await refusedWithoutChange(t, () => cadre1.get(`/api/v1/clues/${id}/warning-draft`), 403, 'auth.forbidden');

      const issued = await town1.post('/api/v1/warnings', draft.body);
      expect(issued.status).toBe(201);
      const again = await refusedWithoutChange(t, () => town1.get(`/api/v1/clues/${id}/warning-draft`), 409, 'clues.bad_state');
      expect(again.body.error.message).toBe(`已按该线索发出预警 ${issued.body.serialNo}`);
      expect((await todo()).map((i: { kind: string }) => i.kind)).toEqual(['clue.dispose']);
    });
  });

  describe('the reporter’s identity', () => {
    it('is encrypted at rest, revealed only with the permission, audited, and never listed', async () => {
      const raw = await db().selectFrom('clue_reporters').select(['identity_sealed', 'key_id']).where('clue_id', '=', ids.named!).executeTakeFirstOrThrow();
      expect(Buffer.from(raw.identity_sealed!).toString('utf8')).not.toContain('举报人甲乙');
      const dump = JSON.stringify(await sql`SELECT * FROM clues`.execute(db())) + JSON.stringify(await sql`SELECT * FROM audit_entries`.execute(db()));
      expect(dump).not.toContain('举报人甲乙');
      expect(dump).not.toContain('13900001111');
      await refusedWithoutChange(t, () => town1.post(`/api/v1/clues/${ids.named}/reporter/reveal`), 403, 'auth.forbidden');
      const mark = await auditMark(t);
      const res = await center.post(`/api/v1/clues/${ids.named}/reporter/reveal`);
      expect(res.body).toEqual({ name: '举报人甲乙', phone: '13900001111' });
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['CLUE_REPORTER_REVEALED']);
      const list = await center.get('/api/v1/clues?pageSize=200');
      const detail = await center.get(`/api/v1/clues/${ids.named}`);
      expect(JSON.stringify(list.body) + JSON.stringify(detail.body)).not.toContain('举报人甲乙');
    });
  });

  describe('search, duplicates, statistics, export', () => {
    it('a search for 红包 finds 收受红包; phrases must match in order; one character scans', async () => {
      const id = (await center.post('/api/v1/clues', newClue({ content: '来信反映某所长逢年过节收受红包礼金' }))).body.clue.id;
      const search = async (q: string) => (await center.get(`/api/v1/clues?pageSize=200&q=${encodeURIComponent(q)}`)).body.items.map((c: { id: number }) => c.id);
      expect(await search('红包')).toContain(id);
      expect(await search('收受红包礼金')).toContain(id);
      expect(await search('礼金红包')).not.toContain(id);
      expect(await search('逢')).toContain(id);
      const ledgerNo = (await center.get(`/api/v1/clues/${id}`)).body.ledgerNo;
      expect(await search(ledgerNo)).toEqual([id]);
    });

    it('filters combine; statistics count the same view', async () => {
      const res = await center.get(`/api/v1/clues?pageSize=200&handlerOrgId=${ids['SFQ-T1']}&status=closed`);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((c: { handlerOrg: { id: number }; status: string }) => c.handlerOrg.id === ids['SFQ-T1'] && c.status === 'closed')).toBe(true);
      const sub = await center.get(`/api/v1/clues?pageSize=200&orgId=${ids['SFQ-T1']}&from=2026-11-23&to=2026-11-23`);
      expect(sub.body.items.every((c: { receivedOn: string }) => c.receivedOn === '2026-11-23')).toBe(true);
      expect((await center.get('/api/v1/clues?duplicates=true')).body.items.every((c: { duplicateOf: unknown }) => c.duplicateOf !== null)).toBe(true);
      const t1 = `handlerOrgId=${ids['SFQ-T1']}`;
      const stats = await center.get(`/api/v1/clues/statistics?${t1}`);
      expect(stats.status).toBe(200);
      expect(stats.body.total).toBe((await center.get(`/api/v1/clues?pageSize=1&${t1}`)).body.total);
      expect(stats.body.byChannel.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(stats.body.total);
      expect(stats.body.byMonth.at(-1)).toMatchObject({ month: '2026-11' });
      expectInvalid(await center.get('/api/v1/clues?level=7'), '等级（level）：');
    });

    it('exports the ledger to Excel without reporter identities, audited', async () => {
      const mark = await auditMark(t);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/clues/export?q=%E7%BA%A2%E5%8C%85', headers: { authorization: `Bearer ${center.token}` } });
      expect(res.statusCode).toBe(200);
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows = wb.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1).join('|'));
      expect(rows.length).toBeGreaterThan(2);
      expect(rows.join('\n')).not.toContain('举报人甲乙');
      expect(rows.join('\n')).toContain('实名');
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['CLUES_EXPORTED']);
    });
  });

  describe('secrecy: the subject never lists, reads, searches, exports or is notified', () => {
    let aboutCadre: number, aboutUnit: number, aboutTown: number, control: number;
    beforeAll(async () => {
      const cadreId = (await db().selectFrom('users').select('person_id').where('username', '=', 'cadre1').executeTakeFirstOrThrow()).person_id!;
      aboutCadre = (await center.post('/api/v1/clues', newClue({ subjectPersonId: cadreId, content: '秘密线索：财政所会计收受红包' }))).body.clue.id;
      aboutUnit = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U0'], content: '秘密线索：财政所违规收费红包' }))).body.clue.id;
      aboutTown = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1'], content: '秘密线索：街道纪工委收受红包' }))).body.clue.id;
      control = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T2-U0'], content: '对照线索：西城财政所收受红包' }))).body.clue.id;
      // Give cadre1 and unit1 the centre's whole-district role as well (set up in the database: no
      // administrator may hand out permissions they lack): only the subject rule can hide anything now.
      const centerRole = await roleId(t, 'center');
      for (const u of ['cadre1', 'unit1']) {
        await db().insertInto('user_roles').values({ user_id: await userId(t, u), role_id: centerRole, scope_org_ids: null }).execute();
        evictUserSessions(await userId(t, u));
      }
    });

    const listIds = async (c: Client, q = '') => (await c.get(`/api/v1/clues?pageSize=200${q}`)).body.items.map((x: { id: number }) => x.id);

    it.each([
      // A clue about 东城街道 as a whole is also about the units under it.
      ['cadre1', () => [aboutCadre, aboutUnit, aboutTown], () => [control]],
      ['unit1', () => [aboutCadre, aboutUnit, aboutTown], () => [control]],
      ['town1', () => [aboutTown], () => [aboutCadre, aboutUnit]],
    ])('%s', async (who, hidden, shown) => {
      const c = { cadre1, unit1, town1 }[who as 'cadre1' | 'unit1' | 'town1'];
      const all = await listIds(c);
      const found = await listIds(c, `&q=${encodeURIComponent('红包')}`);
      for (const id of shown()) expect(all).toContain(id);
      for (const id of hidden()) {
        expect(all).not.toContain(id);
        expect(found).not.toContain(id);
        expect((await c.get(`/api/v1/clues/${id}`)).status).toBe(404);
        expect((await c.patch(`/api/v1/clues/${id}`, { level: 1 })).status).toBe(404);
        expect((await c.get(`/api/v1/clues?pageSize=200&q=${encodeURIComponent((await center.get(`/api/v1/clues/${id}`)).body.ledgerNo)}`)).body.items).toEqual([]);
      }
      const q = `q=${encodeURIComponent('红包')}`;
      const stats = await c.get(`/api/v1/clues/statistics?${q}`);
      expect(stats.body.total).toBe((await c.get(`/api/v1/clues?pageSize=1&${q}`)).body.total);
      expect(stats.body.total).toBe(found.length);
      const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/clues/export', headers: { authorization: `Bearer ${c.token}` } });
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      for (const id of shown()) expect(text).toContain((await center.get(`/api/v1/clues/${id}`)).body.ledgerNo);
      for (const id of hidden()) expect(text).not.toContain((await center.get(`/api/v1/clues/${id}`)).body.ledgerNo);
      const todos = await c.get('/api/v1/todos');
      expect(todos.body.items.filter((i: { objectType: string; objectId: number }) => i.objectType === 'clue' && hidden().includes(i.objectId))).toEqual([]);
    });

    it('a clue cannot be routed to a handler inside its subject', async () => {
      await refusedWithoutChange(t, () => center.post(`/api/v1/clues/${aboutTown}/assignment`, { handlerOrgId: ids['SFQ-T1'], reason: '属地' }), 409, 'clues.handler_is_subject');
    });
  });

  describe('a report about the commission’s principal leader goes above and leaves no trace in the ledger', () => {
    it('is sealed apart: no ledger number, no clue, no audit entry; only the liaison reads and hands it over', async () => {
      const [principal] = await db()
        .selectFrom('people')
        .innerJoin('orgs', 'orgs.id', 'people.org_id')
        .select('people.id')
        .where('orgs.code', '=', 'SFQ-JW')
        .where('people.is_principal_leader', '=', true)
        .execute();
      const before = await snapshot(t);
      const res = await center.post('/api/v1/clues', newClue({ subjectPersonId: principal!.id, content: '反映区纪委书记违规干预工程', reporter: { kind: 'named', identity: { name: '上报人', phone: '13900003333' } } }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ sealed: true, message: expect.stringContaining('上级纪委监委') });
      const after = await snapshot(t);
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(changed).toEqual(['sealed_reports']);
      const sealed = await db().selectFrom('sealed_reports').selectAll().execute();
      expect(Buffer.from(sealed.at(-1)!.sealed).toString('utf8')).not.toContain('区纪委书记');
      expect((await center.get('/api/v1/sealed-reports')).status).toBe(403);
      const admin = await adminClient(t);
      const liaisonId = await createUser(t, admin, 'liaison1', [await roleId(t, 'leader')], 'SFQ-JW');
      expect(liaisonId).toBeGreaterThan(0);
      // No administrator holds clues.sealed: the operator assigns the role on the server.
      await assignRoleFromConsole(t.ctx.database, 'liaison1', 'superior_liaison', t.clock.now());
      const liaison = await login(t, 'liaison1', 'Strong@Pass1');
      const list = await liaison.get('/api/v1/sealed-reports');
      expect(list.body.at(-1)).toEqual({ id: sealed.at(-1)!.id, receivedOn: '2026-11-23' });
      const one = await liaison.get(`/api/v1/sealed-reports/${sealed.at(-1)!.id}`);
      expect(one.body.payload).toMatchObject({ content: '反映区纪委书记违规干预工程', reporter: { identity: { name: '上报人' } } });
      expect((await liaison.post(`/api/v1/sealed-reports/${sealed.at(-1)!.id}/handover`)).status).toBe(204);
      expect(await db().selectFrom('sealed_reports').selectAll().execute()).toHaveLength(sealed.length - 1);
      expect((await liaison.get('/api/v1/clues')).status).toBe(403);
    });
  });

  describe('attachments', () => {
    it('a handler attaches evidence; forbidden types are refused; downloads are scoped and audited', async () => {
      const upload = (c: Client, name: string, bytes: Buffer) => {
        const boundary = '----qf' + Math.random().toString(16).slice(2);
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        return t.app.inject({ method: 'POST', url: `/api/v1/clues/${ids.stationClue}/attachments`, headers: { authorization: `Bearer ${c.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
      };
      const before = await snapshot(t);
      const bad = await upload(town1, 'virus.exe', Buffer.from('MZ\x90\x00'));
      expect(bad.statusCode).toBe(415);
      expect(await snapshot(t)).toEqual(before);
      const ok = await upload(town1, '核查材料.pdf', Buffer.from('%PDF-1.7 核查'));
      expect(ok.statusCode).toBe(201);
      const att = ok.json().attachments[0];
      const get = (c: Client) => t.app.inject({ method: 'GET', url: `/api/v1/clues/${ids.stationClue}/attachments/${att.id}`, headers: { authorization: `Bearer ${c.token}` } });
      expect((await get(town1)).body).toBe('%PDF-1.7 核查');
      expect((await get(paizhu1)).statusCode).toBe(404);
    });
  });

  describe('deadlines in working days and the to-do list', () => {
    it('an unanswered named report is overdue in the handler’s to-do list after 15 working days', async () => {
      const id = (await center.post('/api/v1/clues', newClue({ subjectOrgId: ids['SFQ-T1-U1'], content: '到期测试：实名举报', reporter: { kind: 'named', identity: { name: '戊己', phone: '13900004444' } } }))).body.clue.id;
      const due = addWorkingDays(cal, '2026-11-23', 15);
      let todos = (await town1.get('/api/v1/todos')).body.items.filter((i: { objectId: number; objectType: string }) => i.objectType === 'clue' && i.objectId === id);
      expect(todos).toEqual([{ kind: 'clue.acknowledge', title: expect.stringContaining('受理告知'), due, overdue: false, link: `/clues/${id}`, objectType: 'clue', objectId: id }]);
      expect((await paizhu1.get('/api/v1/todos')).body.items.some((i: { objectId: number }) => i.objectId === id)).toBe(false);
      t.clock.advance((Date.parse(`${due}T12:00:00+08:00`) - t.clock.now().getTime()) + 86_400_000);
      todos = (await town1.get('/api/v1/todos')).body.items.filter((i: { objectId: number; objectType: string }) => i.objectType === 'clue' && i.objectId === id);
      expect(todos[0]).toMatchObject({ kind: 'clue.acknowledge', overdue: true });
      expect((await center.get('/api/v1/clues?overdue=true&pageSize=200')).body.items.map((c: { id: number }) => c.id)).toContain(id);
      await town1.post(`/api/v1/clues/${id}/replies`, { kind: 'acceptance', via: 'phone', body: '已受理' });
      todos = (await town1.get('/api/v1/todos')).body.items.filter((i: { objectId: number; kind: string }) => i.objectId === id && i.kind === 'clue.acknowledge');
      expect(todos).toEqual([]);
    });
  });
});
