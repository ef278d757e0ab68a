import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.recorder.js';
import { sweepOverdue } from '../src/warnings/warnings.sweep.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type Reply, type TestApp } from './harness.js';
import { canConvertDocx, docxToPng } from './docx-to-png.js';
import { anonymous, auditAfter, auditMark, expectInvalid, refusedWithoutChange, userId } from './support.js';

/** A multipart/form-data request body: text fields and files. */
function multipart(fields: Record<string, string>, files: { name: string; content: Buffer }[] = []) {
  const boundary = `----qf${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe(`three-tier warnings (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client, town1: Client, paizhu1: Client, unit1: Client, cadre1: Client, station1: Client, leader1: Client;
  let cadre1PersonId: number;
  let clueId: number; // a clue of the demo ledger the centre reads
  let l1: number; // center → cadre1, level 1, from that clue
  let l2: number; // its escalation (inadequate)
  let l3: number; // its escalation (overdue)
  let orgL3: number; // town1 → 东城街道财政所, level 3
  const db = () => t.ctx.database.db;

  const answer = (c: Client, id: number, fields: Record<string, string>, files: { name: string; content: Buffer }[] = []): Promise<Reply> => {
    const body = multipart(fields, files);
    return t.app
      .inject({ method: 'POST', url: `/api/v1/warnings/${id}/answers`, headers: { authorization: `Bearer ${c.token}`, ...body.headers }, payload: body.payload })
      .then((res) => ({ status: res.statusCode, body: res.json(), headers: res.headers }));
  };
  const issueToCadre1 = (extra: Record<string, unknown> = {}) =>
    center.post('/api/v1/warnings', {
      subjectKind: 'person',
      subjectPersonId: cadre1PersonId,
      level: 1,
      facts: '2026年10月报销差旅费时，将私人行程的交通费一并列支。',
      basis: '信访举报反映，经初步核实属实。',
      clueId,
      disposalMeasures: ['提醒'],
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1, paizhu1, unit1, cadre1, station1, leader1] = (await Promise.all(['center', 'town1', 'paizhu1', 'unit1', 'cadre1', 'station1', 'leader1'].map((u) => login(t, u)))) as Client[] as [Client, Client, Client, Client, Client, Client, Client];
    cadre1PersonId = (await db().selectFrom('users').select('person_id').where('username', '=', 'cadre1').executeTakeFirstOrThrow()).person_id!;
    clueId = (await db().selectFrom('clues').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  describe('configuration', () => {
    it('the levels as seeded from seed 000, readable by those who read warnings', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/warnings/config')).status).toBe(401);
      expect((await station1.get('/api/v1/warnings/config')).status).toBe(403);
      const res = await cadre1.get('/api/v1/warnings/config');
      expect(res.body.rules.map((r: { level: number; demands: string[]; deadlineWorkingDays: number; colour: string }) => [r.level, r.demands, r.deadlineWorkingDays, r.colour])).toEqual([
        [1, ['explanation'], 5, '#1677ff'],
        [2, ['explanation', 'rectification', 'rectification_report'], 10, '#fa8c16'],
        [3, ['admonishment_talk', 'personnel_filing', 'rectification', 'rectification_report'], 15, '#f5222d'],
      ]);
      expect(res.body.measures.org).toContain('责成召开专题民主生活会');
    });

    it('only warnings.configure changes a level; bad input changes nothing', async () => {
      await refusedWithoutChange(t, () => town1.patch('/api/v1/warnings/config/levels/1', { colour: '#52c41a' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.patch('/api/v1/warnings/config/levels/1', { colour: 'green' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => center.patch('/api/v1/warnings/config/levels/4', { colour: '#52c41a' }), 400, 'request.invalid');
      const res = await center.patch('/api/v1/warnings/config/levels/1', { colour: '#52c41a' });
      expect(res.body.rules[0].colour).toBe('#52c41a');
      expect((await center.patch('/api/v1/warnings/config/levels/1', { colour: '#1677ff' })).status).toBe(200);
    });
  });

  describe('issuing (2026-11-23)', () => {
    it('a warning from a clue cites one the issuer may read: an unknown clue, or one outside town1’s scope, is 404 and changes nothing', async () => {
      await refusedWithoutChange(t, () => issueToCadre1({ clueId: 999_999 }), 404, 'not_found');
      const outside = await db()
        .selectFrom('clues')
        .innerJoin('orgs', 'orgs.id', 'clues.handler_org_id')
        .select('clues.id')
        .where('orgs.code', 'not like', 'SFQ-T1%')
        .orderBy('clues.id')
        .executeTakeFirstOrThrow();
      const body = { subjectKind: 'person', subjectPersonId: cadre1PersonId, level: 1, facts: '事实', basis: '依据', clueId: outside.id, disposalMeasures: ['提醒'] };
      await refusedWithoutChange(t, () => town1.post('/api/v1/warnings', body), 404, 'not_found');
    });

    it('401, 403 without warnings.issue, 400 bad input — nothing changed', async () => {
      expect((await anonymous(t, 'POST', '/api/v1/warnings', {})).status).toBe(401);
      await refusedWithoutChange(t, () => cadre1.post('/api/v1/warnings', { subjectKind: 'person', subjectPersonId: cadre1PersonId, level: 1, facts: 'x', basis: 'y', disposalMeasures: ['提醒'] }), 403, 'auth.forbidden');
      expectInvalid(await issueToCadre1({ basis: undefined }), '预警依据（basis）：');
      expectInvalid(await issueToCadre1({ subjectPersonId: undefined }), '所涉人员（subjectPersonId）：对个人预警须指定被预警人');
      expectInvalid(await issueToCadre1({ level: 4 }), '等级（level）：');
      await refusedWithoutChange(t, () => issueToCadre1({ disposalMeasures: ['纪检建议书'] }), 400, 'warnings.measure_unknown');
      const past = await refusedWithoutChange(t, () => issueToCadre1({ deadline: '2026-11-20' }), 400, 'warnings.deadline_past');
      expect(past.body.error.message).toContain('2026-11-20');
    });

    it('issuers act within their scope: a township outside its subtree, a group outside its units → 404', async () => {
      const jyj = await orgIdByCode(t, 'SFQ-JYJ');
      const t1u0 = await orgIdByCode(t, 'SFQ-T1-U0');
      const toOrg = (orgId: number) => ({ subjectKind: 'org', subjectOrgId: orgId, level: 1, facts: '事实', basis: '依据', disposalMeasures: ['限期整改'] });
      await refusedWithoutChange(t, () => town1.post('/api/v1/warnings', toOrg(jyj)), 404, 'not_found');
      await refusedWithoutChange(t, () => paizhu1.post('/api/v1/warnings', toOrg(t1u0)), 404, 'not_found');
      await refusedWithoutChange(t, () => town1.post('/api/v1/warnings', { ...toOrg(t1u0), subjectKind: 'person', subjectPersonId: 1, disposalMeasures: ['提醒'] }), 404, 'not_found');
    });

    it('the centre issues a level-1 warning to cadre1 from a clue: numbered notice, deadline in working days, audited', async () => {
      const mark = await auditMark(t);
      const res = await issueToCadre1();
      expect(res.status).toBe(201);
      l1 = res.body.id;
      expect(res.body).toMatchObject({
        serialNo: '示纪预〔2026〕1号',
        level: 1,
        levelName: '一级预警',
        subjectKind: 'person',
        subjectName: expect.stringContaining('（东城街道财政所）'),
        issuerOrgName: '示范区纪委监委',
        issuedOn: '2026-11-23',
        deadline: '2026-11-30', // five working days
        status: 'issued',
        colour: '#1677ff',
        overdue: false,
        clueId,
        basis: '信访举报反映，经初步核实属实。',
        demands: [{ key: 'explanation', label: '书面情况说明' }],
        notices: [{ kind: 'warning_notice', kindLabel: '预警通知书', serialNo: '示纪预〔2026〕1号', issuedOn: '2026-11-23' }],
        chain: [{ id: l1, level: 1 }],
      });
      expect(await auditAfter(t, mark)).toEqual([{ action: 'WARNING_ISSUED', actor: await userId(t, 'center'), objectType: 'warning', objectId: String(l1) }]);
      expect(res.body.audit.map((a: { action: string }) => a.action)).toEqual(['WARNING_ISSUED']);
    });

    it('a township issues a level-3 warning to a unit in its subtree, with two notices', async () => {
      const res = await town1.post('/api/v1/warnings', {
        subjectKind: 'org',
        subjectOrgId: await orgIdByCode(t, 'SFQ-T1-U0'),
        level: 3,
        facts: '财政所连续两年未按规定开展资金支付复核。',
        basis: '专项检查发现。',
        disposalMeasures: ['对责任领导诫勉谈话', '限期整改'],
      });
      expect(res.status).toBe(201);
      orgL3 = res.body.id;
      expect(res.body).toMatchObject({ serialNo: '示纪改〔2026〕1号', issuerOrgName: '东城街道纪（工）委', deadline: '2026-12-14', colour: '#f5222d', clueId: null });
      expect(res.body.notices.map((n: { serialNo: string }) => n.serialNo)).toEqual(['示纪改〔2026〕1号', '示纪诫〔2026〕1号']);
      expect(res.body.talk).toEqual({ scheduledOn: null, place: null, talker: null, heldOn: null, participants: null, record: null });
    });
  });

  describe('what each side sees', () => {
    it('the subject sees demands, deadline and notices — never the clue, the basis or the audit trail', async () => {
      const res = await cadre1.get(`/api/v1/warnings/${l1}`);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('clueId');
      expect(res.body).not.toHaveProperty('basis');
      expect(res.body).not.toHaveProperty('audit');
      expect(JSON.stringify(res.body)).not.toContain('信访');
      expect(res.body.actions).toEqual(['acknowledge']);
      expect(res.body.demands).toEqual([{ key: 'explanation', label: '书面情况说明' }]);
    });

    it('cadre1 sees only their own warnings; unit1 sees its unit’s but is not the subject of cadre1’s', async () => {
      const mine = await cadre1.get('/api/v1/warnings');
      expect(mine.body.items.map((w: { id: number }) => w.id)).toEqual([l1]);
      expect((await cadre1.get(`/api/v1/warnings/${orgL3}`)).status).toBe(404);
      const unit = await unit1.get('/api/v1/warnings');
      expect(unit.body.items.map((w: { id: number }) => w.id).sort()).toEqual([l1, orgL3].sort());
      const seen = await unit1.get(`/api/v1/warnings/${l1}`);
      expect(seen.body.actions).toEqual([]);
      expect(seen.body).not.toHaveProperty('basis');
      expect((await unit1.get(`/api/v1/warnings/${orgL3}`)).body.actions).toEqual(['acknowledge']);
    });

    it('outside scope → 404; without warnings.read → 403', async () => {
      expect((await paizhu1.get(`/api/v1/warnings/${l1}`)).status).toBe(404);
      expect((await paizhu1.get('/api/v1/warnings')).body.total).toBe(0);
      expect((await station1.get(`/api/v1/warnings/${l1}`)).status).toBe(403);
      expect((await leader1.get(`/api/v1/warnings/${l1}`)).body).not.toHaveProperty('clueId');
    });

    it('the subject finds the notice in the to-do list', async () => {
      const todos = (await cadre1.get('/api/v1/todos')).body.items;
      expect(todos).toContainEqual({ kind: 'warning.acknowledge', title: '签收预警通知 示纪预〔2026〕1号', due: '2026-11-30', overdue: false, link: `/warnings/${l1}`, objectType: 'warning', objectId: l1 });
      expect((await unit1.get('/api/v1/todos')).body.items.filter((i: { objectType: string }) => i.objectType === 'warning').map((i: { objectId: number }) => i.objectId)).toEqual([orgL3]);
      expect((await town1.get('/api/v1/todos')).body.items).toContainEqual(expect.objectContaining({ kind: 'warning.talk', objectId: orgL3 }));
    });
  });

  describe('notices', () => {
    it('the subject downloads the notice as Word (GB/T 9704) and PDF; outside scope 404; every download audited', async () => {
      const w = (await cadre1.get(`/api/v1/warnings/${l1}`)).body;
      const noticeId = w.notices[0].id;
      const mark = await auditMark(t);
      const docx = await t.app.inject({ method: 'GET', url: `/api/v1/warnings/${l1}/notices/${noticeId}/docx`, headers: { authorization: `Bearer ${cadre1.token}` } });
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(String(docx.headers['content-disposition'])).toContain(encodeURIComponent('示纪预〔2026〕1号.docx'));
      const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/warnings/${l1}/notices/${noticeId}/pdf`, headers: { authorization: `Bearer ${cadre1.token}` } });
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['WARNING_NOTICE_DOWNLOADED', 'WARNING_NOTICE_DOWNLOADED']);
      expect((await paizhu1.get(`/api/v1/warnings/${l1}/notices/${noticeId}/docx`)).status).toBe(404);
      expect((await center.get(`/api/v1/warnings/${orgL3}/notices/${noticeId}/docx`)).status).toBe(404);
      expectInvalid(await center.get(`/api/v1/warnings/${l1}/notices/${noticeId}/odt`), '格式（format）：');
      if (canConvertDocx) await docxToPng(docx.rawPayload, 'warning-notice-level1');
    });
  });

  describe('acknowledge and answer', () => {
    it('refusals: answer before signing, someone else signing or answering, missing content — nothing changed', async () => {
      await refusedWithoutChange(t, () => answer(cadre1, l1, { explanation: '说明' }), 409, 'warnings.not_acknowledged');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/warnings/${l1}/acknowledge`), 403, 'warnings.not_subject');
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/warnings/${orgL3}/acknowledge`), 404, 'not_found');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l1}/acknowledge`), 403, 'warnings.not_subject');
    });

    it('cadre1 signs once', async () => {
      const res = await cadre1.post(`/api/v1/warnings/${l1}/acknowledge`);
      expect(res.body).toMatchObject({ status: 'acknowledged', actions: ['answer'] });
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/warnings/${l1}/acknowledge`), 409, 'warnings.already_acknowledged');
    });

    it('answers: not the subject → 403; blank explanation → 400; a forbidden file → 415; all changing nothing', async () => {
      await refusedWithoutChange(t, () => answer(unit1, l1, { explanation: '代为说明' }), 403, 'warnings.not_subject');
      const blank = await refusedWithoutChange(t, () => answer(cadre1, l1, { report: '已整改' }), 400, 'warnings.answer_incomplete');
      expect(blank.body.error.issues).toEqual([{ field: 'explanation', message: '情况说明不能为空' }]);
      await refusedWithoutChange(t, () => answer(cadre1, l1, { explanation: '说明' }, [{ name: 'x.exe', content: Buffer.from('MZ\x90\x00') }]), 415, 'attachment.type_forbidden');
    });

    it('cadre1 answers in writing with an attachment; the issuer downloads it, others outside scope cannot', async () => {
      const mark = await auditMark(t);
      const res = await answer(cadre1, l1, { explanation: '已将私人行程费用退回，今后严格执行差旅费管理办法。' }, [{ name: '退款凭证.txt', content: Buffer.from('退款 356 元') }]);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('answered');
      expect(res.body.answers).toHaveLength(1);
      const file = res.body.answers[0].attachments[0];
      expect(file).toMatchObject({ fileName: '退款凭证.txt', mime: 'text/plain; charset=utf-8' });
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['WARNING_ANSWERED']);
      const dl = await center.get(`/api/v1/warnings/${l1}/attachments/${file.id}`);
      expect(dl.status).toBe(200);
      expect(dl.body).toBe('退款 356 元');
      expect((await paizhu1.get(`/api/v1/warnings/${l1}/attachments/${file.id}`)).status).toBe(404);
      expect((await center.get(`/api/v1/warnings/${orgL3}/attachments/${file.id}`)).status).toBe(404);
      await refusedWithoutChange(t, () => answer(cadre1, l1, { explanation: '再说明' }), 409, 'warnings.already_answered');
      expect((await center.get('/api/v1/todos')).body.items).toContainEqual(expect.objectContaining({ kind: 'warning.review', objectId: l1 }));
    });
  });

  describe('review', () => {
    it('refusals: outside scope 404, the subject 403, inadequate without reasons 400', async () => {
      await refusedWithoutChange(t, () => paizhu1.post(`/api/v1/warnings/${l1}/review`, { verdict: 'accepted' }), 404, 'not_found');
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/warnings/${l1}/review`, { verdict: 'accepted' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => unit1.post(`/api/v1/warnings/${l1}/review`, { verdict: 'accepted' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l1}/review`, { verdict: 'inadequate' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${orgL3}/review`, { verdict: 'accepted' }), 409, 'warnings.not_answered');
    });

    it('inadequate → a linked level-2 warning with its 整改通知书 and deadline; audited', async () => {
      const mark = await auditMark(t);
      const res = await center.post(`/api/v1/warnings/${l1}/review`, { verdict: 'inadequate', comment: '未说明是否存在其他类似报销。' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'escalated', outcome: 'inadequate', closedOn: '2026-11-23', actions: [] });
      l2 = res.body.childWarningId;
      expect(res.body.chain.map((c: { id: number; level: number }) => [c.id, c.level])).toEqual([[l1, 1], [l2, 2]]);
      expect(res.body.reviews).toMatchObject([{ verdict: 'inadequate', comment: '未说明是否存在其他类似报销。' }]);
      const child = (await cadre1.get(`/api/v1/warnings/${l2}`)).body;
      expect(child).toMatchObject({
        serialNo: '示纪改〔2026〕2号',
        level: 2,
        parentWarningId: l1,
        issuedOn: '2026-11-23',
        deadline: '2026-12-07', // ten working days
        status: 'issued',
        disposalMeasures: ['批评教育'],
        demands: [{ key: 'explanation' }, { key: 'rectification' }, { key: 'rectification_report' }],
      });
      expect(child.facts).toContain('示纪预〔2026〕1号（一级预警）整改不到位');
      expect(child).not.toHaveProperty('clueId');
      expect((await auditAfter(t, mark)).map((a) => [a.action, a.objectId])).toEqual([
        ['WARNING_JUDGED_INADEQUATE', String(l1)],
        ['WARNING_ESCALATED', String(l1)],
      ]);
    });

    it('a second review of a closed warning, an escalation of a closed warning: 409, nothing changed', async () => {
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l1}/review`, { verdict: 'accepted' }), 409, 'warnings.closed');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l1}/escalate`), 409, 'warnings.closed');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l2}/escalate`), 409, 'warnings.not_overdue');
    });
  });

  describe('back-registration (补录)', () => {
    it('enters a paper warning with its original number and dates; duplicate numbers and future dates are refused', async () => {
      const body = {
        subjectKind: 'org',
        subjectOrgId: await orgIdByCode(t, 'SFQ-T2-U0'),
        level: 1,
        serialNo: '示纪预〔2026〕纸字8号',
        issuedOn: '2026-10-09',
        deadline: '2026-10-20',
        facts: '未按期公开财政资金使用情况。',
        basis: '纸质台账补录。',
        disposalMeasures: ['限期整改'],
      };
      await refusedWithoutChange(t, () => town1.post('/api/v1/warnings/back-registrations', body), 404, 'not_found');
      await refusedWithoutChange(t, () => center.post('/api/v1/warnings/back-registrations', { ...body, issuedOn: '2026-12-01', deadline: '2026-12-10' }), 400, 'request.invalid');
      expectInvalid(await center.post('/api/v1/warnings/back-registrations', { ...body, deadline: '2026-10-01' }), '整改期限（deadline）：整改期限不能早于发出日期');
      const res = await center.post('/api/v1/warnings/back-registrations', body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ serialNo: '示纪预〔2026〕纸字8号', backRegistered: true, issuedOn: '2026-10-09', deadline: '2026-10-20', status: 'issued', overdue: true, highlight: '#a8071a', notices: [] });
      await refusedWithoutChange(t, () => center.post('/api/v1/warnings/back-registrations', body), 409, 'warnings.serial_duplicate');
    });
  });

  describe('the escalation sweep', () => {
    it('2026-12-08: the overdue level-2 warning and the back-registered one escalate, each exactly once, "逾期未整改，自动升级"', async () => {
      t.clock.current = new Date('2026-12-08T09:00:00+08:00');
      expect((await cadre1.get(`/api/v1/warnings/${l2}`)).body).toMatchObject({ overdue: true, highlight: '#a8071a', actions: ['acknowledge'] });
      // Overdue items come first, by due date; the demo campaign's post form (due earlier) may precede it.
      expect((await cadre1.get('/api/v1/todos')).body.items.find((i: { objectType: string }) => i.objectType === 'warning')).toMatchObject({ kind: 'warning.acknowledge', overdue: true, objectId: l2 });
      const mark = await auditMark(t);
      const r = await sweepOverdue(t.ctx.database, t.clock.now());
      expect(r).toEqual({ asOf: '2026-12-08', escalated: 2, referred: 0 });
      expect(await sweepOverdue(t.ctx.database, t.clock.now())).toEqual({ asOf: '2026-12-08', escalated: 0, referred: 0 });
      const entries = await db().selectFrom('audit_entries').select(['action', 'summary', 'actor_label']).where('id', '>', mark).orderBy('id').execute();
      expect(entries.map((e) => e.action)).toEqual(['WARNING_ESCALATED', 'WARNING_ESCALATED']);
      expect(entries.every((e) => e.summary.startsWith('逾期未整改，自动升级：') && e.actor_label === '预警自动升级')).toBe(true);
      const parent = (await center.get(`/api/v1/warnings/${l2}`)).body;
      expect(parent).toMatchObject({ status: 'escalated', outcome: 'overdue', closedOn: '2026-12-08' });
      l3 = parent.childWarningId;
      const child = (await center.get(`/api/v1/warnings/${l3}`)).body;
      expect(child).toMatchObject({ level: 3, serialNo: '示纪改〔2026〕3号', issuedOn: '2026-12-08', deadline: '2026-12-29', disposalMeasures: ['诫勉谈话'] });
      expect(child.notices.map((n: { kind: string; serialNo: string }) => [n.kind, n.serialNo])).toEqual([
        ['rectification_notice', '示纪改〔2026〕3号'],
        ['admonishment_notice', '示纪诫〔2026〕2号'],
      ]);
      expect(child.chain.map((c: { level: number }) => c.level)).toEqual([1, 2, 3]);
      expect(child.audit.map((a: { action: string }) => a.action)).toEqual(['WARNING_ISSUED', 'WARNING_NOTICE_DOWNLOADED', 'WARNING_NOTICE_DOWNLOADED', 'WARNING_ACKNOWLEDGED', 'WARNING_ANSWERED', 'WARNING_JUDGED_INADEQUATE', 'WARNING_ESCALATED', 'WARNING_ESCALATED']);
    });

    it('the admin “run now” needs warnings.sweep and is audited', async () => {
      expect((await town1.post('/api/v1/warnings/sweep')).status).toBe(403);
      const mark = await auditMark(t);
      expect((await center.post('/api/v1/warnings/sweep')).body).toEqual({ asOf: '2026-12-08', escalated: 0, referred: 0 });
      expect((await auditAfter(t, mark)).map((a) => a.action)).toEqual(['WARNING_SWEEP_RUN']);
    });

    it('level 3: accepted only after the talk and the filing are recorded', async () => {
      await cadre1.post(`/api/v1/warnings/${l3}/acknowledge`);
      expect((await answer(cadre1, l3, { causes: '财经纪律意识淡薄', measures: '退回款项，学习制度' })).body.error.code).toBe('warnings.answer_incomplete');
      expect((await answer(cadre1, l3, { causes: '财经纪律意识淡薄', measures: '退回款项，学习制度', report: '已全部整改' })).status).toBe(200);
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l3}/review`, { verdict: 'accepted' }), 409, 'warnings.records_missing');
      await refusedWithoutChange(t, () => cadre1.post(`/api/v1/warnings/${l3}/talk`, { scheduledOn: '2026-12-10', place: '区纪委谈话室', talker: '区纪委副书记' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.post(`/api/v1/warnings/${l2}/talk`, { scheduledOn: '2026-12-10', place: '区纪委谈话室', talker: '区纪委副书记' }), 409, 'warnings.closed');
      expect((await center.post(`/api/v1/warnings/${l3}/talk`, { scheduledOn: '2026-12-08', place: '区纪委谈话室', talker: '区纪委副书记' })).status).toBe(200);
      expect((await center.post(`/api/v1/warnings/${l3}/talk-record`, { heldOn: '2026-12-08', participants: '区纪委副书记、东城街道财政所所长', record: '指出问题，提出整改要求。' })).status).toBe(200);
      expect((await center.post(`/api/v1/warnings/${l3}/filing`, { filedOn: '2026-12-08', department: '区委组织部' })).status).toBe(200);
      const res = await center.post(`/api/v1/warnings/${l3}/review`, { verdict: 'accepted', comment: '整改到位。' });
      expect(res.body).toMatchObject({ status: 'closed', outcome: 'accepted', talk: { heldOn: '2026-12-08' }, filing: { filedOn: '2026-12-08', department: '区委组织部' } });
    });

    it('2026-12-15: the unanswered level-3 warning to the unit goes to accountability', async () => {
      t.clock.current = new Date('2026-12-15T09:00:00+08:00');
      const r = await sweepOverdue(t.ctx.database, t.clock.now());
      expect(r).toMatchObject({ escalated: 0, referred: 1 }); // the paper warning's level 2 is due 12-22
      const w = (await town1.get(`/api/v1/warnings/${orgL3}`)).body;
      expect(w).toMatchObject({ status: 'referred', outcome: 'overdue', referral: { status: 'open', reason: expect.stringContaining('逾期未整改') } });
      const ref = await db().selectFrom('accountability_referrals').selectAll().where('warning_id', '=', orgL3).executeTakeFirstOrThrow();
      expect(ref).toMatchObject({ subject_kind: 'org', subject_person_id: null, subject_org_id: await orgIdByCode(t, 'SFQ-T1-U0'), status: 'open' });
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });
  });

  describe('scope proof', () => {
    it('each demo role lists and reads exactly the warnings within its scope; outside is 404, no warnings.read is 403', async () => {
      const codes = ['SFQ-T2-U0', 'SFQ-CZJ', 'SFQ-JYJ-U0', 'SFQ-WJW-S1', 'SFQ-T1-U1', 'SFQ-T1-U0', 'SFQ-JW'] as const;
      const ids: Record<string, number> = {};
      for (const code of codes) {
        const res = await center.post('/api/v1/warnings', { subjectKind: 'org', subjectOrgId: await orgIdByCode(t, code), level: 1, facts: `范围标记 ${code}`, basis: '范围测试', disposalMeasures: ['限期整改'], deadline: '2026-12-31' });
        expect(res.status).toBe(201);
        ids[code] = res.body.id;
      }
      const expected: Record<string, string[]> = {
        center: [...codes],
        leader1: [...codes],
        paizhu1: ['SFQ-JYJ-U0', 'SFQ-WJW-S1'],
        town1: ['SFQ-T1-U1', 'SFQ-T1-U0'],
        unit1: ['SFQ-T1-U0'],
        cadre1: [],
      };
      const clients: Record<string, Client> = { center, leader1, paizhu1, town1, unit1, cadre1 };
      for (const [user, inside] of Object.entries(expected)) {
        const listed = new Set<number>((await clients[user]!.get('/api/v1/warnings?q=&pageSize=200')).body.items.map((w: { id: number }) => w.id));
        for (const code of codes) {
          const id = ids[code]!;
          const visible = inside.includes(code);
          expect({ user, code, listed: listed.has(id) }).toEqual({ user, code, listed: visible });
          expect({ user, code, status: (await clients[user]!.get(`/api/v1/warnings/${id}`)).status }).toEqual({ user, code, status: visible ? 200 : 404 });
        }
      }
      expect((await station1.get('/api/v1/warnings')).status).toBe(403);
    });
  });

  describe('concurrent sweeps', () => {
    it('two sweeps at the same moment escalate each overdue warning exactly once, with gapless notice numbers', async () => {
      const orgId = await orgIdByCode(t, 'SFQ-T3-U1');
      await sql`
        INSERT INTO warnings (serial_no, level, subject_kind, subject_org_id, issuer_org_id, issued_on, deadline, status, facts, basis, disposal_measures, demands, created_at)
        SELECT '并发测试〔2026〕' || g || '号', 1, 'org', ${orgId}, ${orgId}, '2026-12-01', '2026-12-10', 'issued', '事实', '依据', ARRAY['限期整改'], ARRAY['explanation'], now()
        FROM generate_series(1, 300) g`.execute(db());
      const counter = async () => (await db().selectFrom('serial_counters').select('last_value').where('series', '=', 'notice:rectification_notice').executeTakeFirst())?.last_value ?? 0;
      const before = await counter();
      const now = new Date('2026-12-16T09:00:00+08:00');
      let results: { escalated: number }[];
      if (ENGINE === 'postgres') {
        // Two server processes: two `qingfeng sweep` commands against the same PostgreSQL database.
        const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(db());
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${rows[0]!.db}`;
        results = await Promise.all([runSweepCli(url.toString(), now), runSweepCli(url.toString(), now)]);
      } else {
        results = await Promise.all([sweepOverdue(t.ctx.database, now), sweepOverdue(t.ctx.database, now)]);
      }
      expect(results.map((r) => r.escalated).reduce((a, b) => a + b)).toBe(300);
      expect(results.map((r) => r.escalated).sort((a, b) => a - b)[0]).toBe(0);
      const { rows: counts } = await sql<{ parents: number; children: number }>`
        SELECT count(DISTINCT parent_warning_id)::int AS parents, count(*)::int AS children FROM warnings WHERE parent_warning_id IN (SELECT id FROM warnings WHERE serial_no LIKE '并发测试%')`.execute(db());
      expect(counts[0]).toEqual({ parents: 300, children: 300 });
      expect((await counter()) - before).toBe(300);
      // A CLI's clock flows on from QF_FAKE_NOW, so its entries fall a few milliseconds after `now`.
      const escalations = await db().selectFrom('audit_entries').select(sql<number>`count(*)::int`.as('n')).where('action', '=', 'WARNING_ESCALATED').where('occurred_at', '>=', now).executeTakeFirstOrThrow();
      expect(escalations.n).toBe(300);
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });
  });
});

const BIN = fileURLToPath(new URL('../bin/qingfeng.mjs', import.meta.url));

/** `qingfeng sweep` in its own process, with its clock set to `now` (QF_FAKE_NOW). */
function runSweepCli(databaseUrl: string, now: Date): Promise<{ escalated: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sweep'], { env: { ...process.env, DATABASE_URL: databaseUrl, QF_FAKE_NOW: now.toISOString(), NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const m = /升级 (\d+) 件/.exec(out);
      if (code !== 0 || !m) reject(new Error(`qingfeng sweep failed (${code}): ${out}`));
      else resolve({ escalated: Number(m[1]) });
    });
  });
}
