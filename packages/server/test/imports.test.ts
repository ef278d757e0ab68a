import { idNumberCheckChar } from '@qingfeng/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.recorder.js';
import { createTestApp, ENGINE, login, orgIdByCode, type Client, type TestApp } from './harness.js';
import { multipart, whileAuditChainHeld } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ORG_HEADERS = ['组织代码', '组织名称', '类型', '上级组织代码', '排序'];
const PEOPLE_HEADERS = ['姓名', '身份证号', '所属组织代码', '岗位', '谈话类别', '领导班子成员', '主要负责人', '电话'];

type Cell = string | number | null;

/** A valid GB 11643 number with the given 3-digit sequence (area 110101, born 1990-03-07). */
const idNo = (seq: number) => {
  const body = `11010119900307${String(seq).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
};

async function workbook(orgs: Cell[][], people: Cell[][], headers = { orgs: ORG_HEADERS, people: PEOPLE_HEADERS }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('组织').addRows([headers.orgs, ...orgs]);
  wb.addWorksheet('人员').addRows([headers.people, ...people]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(t: TestApp, who: Client | null, file: Buffer, query = '') {
  const { payload, contentType } = await multipart(file);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports${query}`,
    headers: { 'content-type': contentType, ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

describe(`imports of orgs and people from Excel (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let town1: Client;

  const counts = async () => {
    const db = t.ctx.database.db;
    const n = async (table: 'orgs' | 'people' | 'posts' | 'post_assignments' | 'audit_entries') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { orgs: await n('orgs'), people: await n('people'), posts: await n('posts'), assignments: await n('post_assignments'), audit: await n('audit_entries') };
  };

  beforeAll(async () => {
    t = await createTestApp();
    center = await login(t, 'center');
    town1 = await login(t, 'town1');
  });
  afterAll(() => t.close());

  it('serves the template with the exact headers, dropdowns, a frozen bold header and an explanation sheet', async () => {
    const res = await t.app.inject({ url: '/api/v1/imports/template', headers: { authorization: `Bearer ${center.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织与人员导入模板.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织', '人员', '说明']);
    const orgs = wb.getWorksheet('组织')!;
    const people = wb.getWorksheet('人员')!;
    expect((orgs.getRow(1).values as unknown[]).slice(1)).toEqual(ORG_HEADERS);
    expect((people.getRow(1).values as unknown[]).slice(1)).toEqual(PEOPLE_HEADERS);
    expect(orgs.actualRowCount).toBe(1);
    expect(people.actualRowCount).toBe(1);
    expect(orgs.getCell('A1').font?.bold).toBe(true);
    expect(orgs.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(orgs.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"纪委监委,派驻纪检组,乡镇（街道）纪委,单位,股室（科室）,预警工作站,信息报送点"'] });
    expect(people.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"A,B,C"'] });
    expect(people.getCell('F3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(people.getCell('G3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(people.getColumn(2).numFmt).toBe('@');
  });

  it('imports a filled-in template: orgs (a child before its parent), people, new and existing posts, in one audited transaction', async () => {
    const before = await counts();
    const t1 = await orgIdByCode(t, 'SFQ-T1');
    const accountingPosts = await t.ctx.database.db.selectFrom('posts').select('id').where('org_id', '=', await orgIdByCode(t, 'SFQ-T1-U0')).where('name', '=', '会计').execute();
    expect(accountingPosts).toHaveLength(1);

    // Fill the downloaded template itself, so the template and the parser cannot drift apart.
    const tpl = await t.app.inject({ url: '/api/v1/imports/template', headers: { authorization: `Bearer ${center.token}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ExcelJS.Buffer);
    wb.getWorksheet('组织')!.addRows([
      ['SFQ-T1-U9-S1', '综合科', '股室（科室）', 'SFQ-T1-U9', null],
      ['SFQ-T1-U9', '东城街道市政服务中心', '单位', 'SFQ-T1', 5],
      ['SFQ-DAG', '区档案馆', '单位', 'SFQ-JW', 30],
    ]);
    wb.getWorksheet('人员')!.addRows([
      ['测试甲', idNo(1), 'SFQ-T1-U9', '主任', 'B', '是', '是', '13800000001'],
      ['测试乙', idNo(2), 'SFQ-T1-U9-S1', '科员', null, '否', null, null],
      [],
      ['测试丙', idNo(3), 'SFQ-T1-U9-S1', '科员', 'a', null, null, null],
      ['测试丁', idNo(4), 'SFQ-T1-U0', '会计', 'C', '否', '否', null],
      ['测试戊', idNo(5), 'SFQ-DAG', null, null, null, null, '010-12345678'],
    ]);
    const res = await upload(t, center, Buffer.from(await wb.xlsx.writeBuffer()), '?dryRun=false');
    expect(res).toEqual({ status: 200, body: { dryRun: false, orgsCreated: 3, peopleCreated: 5, postsCreated: 2 } });

    const after = await counts();
    expect(after).toEqual({ orgs: before.orgs + 3, people: before.people + 5, posts: before.posts + 2, assignments: before.assignments + 4, audit: before.audit + 1 });

    const orgs = (await center.get('/api/v1/orgs')).body.items as { id: number; parentId: number; code: string; path: string; sortOrder: number; kind: string }[];
    const unit = orgs.find((o) => o.code === 'SFQ-T1-U9')!;
    const section = orgs.find((o) => o.code === 'SFQ-T1-U9-S1')!;
    expect(unit).toMatchObject({ parentId: t1, kind: 'unit', sortOrder: 5 });
    expect(section).toMatchObject({ parentId: unit.id, kind: 'section', path: `${unit.path}${section.id}.` });

    const people = (await center.get(`/api/v1/people?q=${encodeURIComponent('测试')}&pageSize=50`)).body;
    expect(people.total).toBe(5);
    const byName = Object.fromEntries((people.items as { name: string }[]).map((p) => [p.name, p])) as Record<string, any>;
    expect(byName['测试甲']).toMatchObject({ orgId: unit.id, talkClass: 'B', isLeadershipMember: true, isPrincipalLeader: true, phone: '13800000001', posts: [{ postName: '主任', startedOn: '2026-11-23' }] });
    expect(byName['测试丙']).toMatchObject({ orgId: section.id, talkClass: 'A', isLeadershipMember: false, posts: [{ postName: '科员' }] });
    expect(byName['测试乙'].posts[0].postId).toBe(byName['测试丙'].posts[0].postId);
    expect(byName['测试丁'].posts).toMatchObject([{ postId: accountingPosts[0]!.id, postName: '会计' }]);
    expect(byName['测试戊']).toMatchObject({ talkClass: 'C', posts: [], phone: '010-12345678' });

    const audit = await t.ctx.database.db.selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'IMPORT_COMPLETED', actor_label: expect.stringContaining('center'), summary: '批量导入「导入.xlsx」：新建组织 3 个、人员 5 名、岗位 2 个' });
    expect(JSON.stringify(audit.after)).not.toContain(idNo(1)); // no ID numbers in the audit log
    expect((await verifyAuditChain(t.ctx.database.db)).ok).toBe(true);
  });

  it('reports every problem of every row with its sheet, row and column, and writes nothing', async () => {
    const registered = (await t.ctx.database.db.selectFrom('people').select('id_number').orderBy('id').limit(1).executeTakeFirstOrThrow()).id_number;
    const badCheck = idNo(10).slice(0, 17) + (idNo(10)[17] === '0' ? '1' : '0');
    const file = await workbook(
      [
        ['SFQ-X1', '甲单位', '单位', 'SFQ-T1', null], // 2: fine
        ['SFQ-X1', '重复单位', '单位', 'SFQ-T1', null], // 3
        ['SFQ-T1', '已有代码', '单位', 'SFQ-JW', null], // 4
        ['SFQ-X2', '乙单位', '部门', 'NOPE', 'abc'], // 5
        ['SFQ-C1', '环一', '单位', 'SFQ-C2', null], // 6
        ['SFQ-C2', '环二', '单位', 'SFQ-C1', null], // 7
        [null, null, '单位', 'SFQ-T1', null], // 8
        ['SFQ-X3', '顶级', '单位', null, null], // 9
      ],
      [
        ['张三', badCheck, 'SFQ-X1', null, null, null, null, null], // 2
        ['李四', idNo(11), 'SFQ-T1-U0', null, 'D', '也许', null, null], // 3
        ['王五', idNo(11), 'NOPE2', null, null, null, null, null], // 4
        ['赵六', registered, 'SFQ-T1-U0', null, null, null, null, null], // 5
        ['孙七', 110101199003071230, 'SFQ-T1-U0', null, null, null, null, null], // 6
        [null, idNo(12), 'SFQ-T1-U0', null, null, null, null, 'abc'], // 7
      ],
    );
    const before = await counts();
    const res = await upload(t, center, file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import.rows_invalid');
    expect(res.body.error.message).toContain('未导入任何记录');
    const rows = res.body.error.rows as { sheet: string; row: number; field: string; message: string }[];
    expect(rows.map((r) => `${r.sheet}:${r.row}:${r.field}`)).toEqual([
      '组织:3:组织代码',
      '组织:4:组织代码',
      '组织:5:类型',
      '组织:5:上级组织代码',
      '组织:5:排序',
      '组织:6:上级组织代码',
      '组织:7:上级组织代码',
      '组织:8:组织代码',
      '组织:8:组织名称',
      '组织:9:上级组织代码',
      '人员:2:身份证号',
      '人员:3:谈话类别',
      '人员:3:领导班子成员',
      '人员:4:身份证号',
      '人员:4:所属组织代码',
      '人员:5:身份证号',
      '人员:6:身份证号',
      '人员:7:姓名',
      '人员:7:电话',
    ]);
    const msg = (sheet: string, row: number, field: string) => rows.find((r) => r.sheet === sheet && r.row === row && r.field === field)!.message;
    expect(msg('组织', 3, '组织代码')).toBe('组织代码重复（第2行）');
    expect(msg('组织', 4, '组织代码')).toBe('组织代码「SFQ-T1」已存在');
    expect(msg('组织', 5, '类型')).toMatch(/^类型「部门」不是有效的组织类型/);
    expect(msg('组织', 5, '上级组织代码')).toBe('上级组织代码「NOPE」不存在或不在您的权限范围内');
    expect(msg('组织', 6, '上级组织代码')).toContain('循环');
    expect(msg('组织', 8, '组织代码')).toBe('组织代码不能为空');
    expect(msg('组织', 9, '上级组织代码')).toBe('上级组织代码不能为空');
    expect(msg('人员', 2, '身份证号')).toBe('身份证号校验位不正确（GB 11643）');
    expect(msg('人员', 4, '身份证号')).toBe('身份证号重复（第3行）');
    expect(msg('人员', 4, '所属组织代码')).toBe('所属组织代码「NOPE2」不存在或不在您的权限范围内');
    expect(msg('人员', 5, '身份证号')).toBe('身份证号已登记');
    expect(msg('人员', 6, '身份证号')).toContain('文本格式');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file whose headers differ from the template, naming the columns', async () => {
    const file = await workbook([], [], { orgs: ['组织代码', '组织名称', '性质', '上级组织代码', '排序'], people: PEOPLE_HEADERS });
    const res = await upload(t, center, file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import.bad_columns');
    expect(res.body.error.message).toContain('工作表「组织」缺少列「类型」；多出列「性质」');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('组织').addRow(ORG_HEADERS);
    const missingSheet = await upload(t, center, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missingSheet.status).toBe(400);
    expect(missingSheet.body.error).toMatchObject({ code: 'import.bad_columns', message: expect.stringContaining('缺少工作表「人员」') });

    const reordered = await upload(t, center, await workbook([], [], { orgs: ORG_HEADERS, people: [...PEOPLE_HEADERS].reverse() }));
    expect(reordered.body.error).toMatchObject({ code: 'import.bad_columns', message: expect.stringContaining('列的顺序应为') });
  });

  it('refuses what is not an xlsx file, a missing file field, an empty file, more than 10 MB or 5000 rows, a bad query', async () => {
    const notExcel = await upload(t, center, Buffer.from('姓名,身份证号\n张三,1\n'));
    expect(notExcel.status).toBe(400);
    expect(notExcel.body.error.code).toBe('import.bad_file');

    const corrupt = await upload(t, center, Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(corrupt.body.error.code).toBe('import.bad_file');

    const empty = await upload(t, center, await workbook([], [[null, null, null, null, null, null, null, null]]));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('import.empty');

    const { payload, contentType } = await multipart(await workbook([], []), 'x.xlsx', 'attachment');
    const wrongField = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${center.token}`, 'content-type': contentType }, payload });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.code).toBe('import.bad_file');

    const json = await center.post('/api/v1/imports', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('import.bad_file');

    const many = Array.from({ length: 5001 }, (_, i) => [`人员${i}`, idNo(i % 1000), 'SFQ-T1-U0', null, null, null, null, null]);
    const tooMany = await upload(t, center, await workbook([], many));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'import.too_many_rows', message: expect.stringContaining('5001') });

    const huge = await upload(t, center, Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('import.file_too_large');

    const badQuery = await upload(t, center, await workbook([], []), '?dryRun=maybe');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.code).toBe('request.invalid');
  });

  it('dryRun checks and counts without writing anything', async () => {
    const file = await workbook(
      [['SFQ-T1-U8', '东城街道文化站', '单位', 'SFQ-T1', null]],
      [
        ['预演甲', idNo(20), 'SFQ-T1-U8', '站长', 'B', '是', '是', null],
        ['预演乙', idNo(21), 'SFQ-T1-U0', '会计', null, null, null, null],
      ],
    );
    const before = await counts();
    const res = await upload(t, center, file, '?dryRun=true');
    expect(res).toEqual({ status: 200, body: { dryRun: true, orgsCreated: 1, peopleCreated: 2, postsCreated: 1 } });
    expect(await counts()).toEqual(before);
  });

  it('a township imports only into its own subtree: another township is named as not found, and nothing is written', async () => {
    const file = await workbook(
      [
        ['SFQ-T1-U7', '东城街道便民服务中心', '单位', 'SFQ-T1', null],
        ['SFQ-T2-U7', '西城街道便民服务中心', '单位', 'SFQ-T2', null],
      ],
      [
        ['本街道', idNo(30), 'SFQ-T1-U7', '主任', null, null, null, null],
        ['外街道', idNo(31), 'SFQ-T2-U0', '会计', null, null, null, null],
      ],
    );
    const before = await counts();
    const res = await upload(t, town1, file);
    expect(res.status).toBe(422);
    expect(res.body.error.rows).toEqual([
      { sheet: '组织', row: 3, field: '上级组织代码', message: '上级组织代码「SFQ-T2」不存在或不在您的权限范围内' },
      { sheet: '人员', row: 3, field: '所属组织代码', message: '所属组织代码「SFQ-T2-U0」不存在或不在您的权限范围内' },
    ]);
    expect(await counts()).toEqual(before);

    // The same file without the other township's rows goes in.
    const own = await upload(t, town1, await workbook([['SFQ-T1-U7', '东城街道便民服务中心', '单位', 'SFQ-T1', null]], [['本街道', idNo(30), 'SFQ-T1-U7', '主任', null, null, null, null]]));
    expect(own).toEqual({ status: 200, body: { dryRun: false, orgsCreated: 1, peopleCreated: 1, postsCreated: 1 } });
  });

  it('refuses a cadre (403) and an anonymous caller (401)', async () => {
    const cadre = await login(t, 'cadre1');
    const file = await workbook([], []);
    expect((await cadre.get('/api/v1/imports/template')).status).toBe(403);
    const res = await upload(t, cadre, file);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.forbidden');

    expect((await t.app.inject({ url: '/api/v1/imports/template' })).statusCode).toBe(401);
    const anon = await upload(t, null, file);
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('auth.unauthenticated');
  });

  it('documents both routes in the OpenAPI document under the imports tag', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/imports'].post.tags).toEqual(['imports']);
    expect(Object.keys(doc.paths['/api/v1/imports'].post.responses)).toEqual(expect.arrayContaining(['200', '422']));
    expect(doc.paths['/api/v1/imports/template'].get.tags).toEqual(['imports']);
  });

  /** A new unit under SFQ-T1 with this code, through the API. */
  const unitUnderT1 = async (code: string, name: string) => {
    const res = await center.post('/api/v1/orgs', { parentId: await orgIdByCode(t, 'SFQ-T1'), code, name, kind: 'unit' });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };

  it('refuses a child org and a person under a retired org, naming each row, and writes nothing', async () => {
    const id = await unitUnderT1('SFQ-T1-R1', '东城街道旧服务站');
    expect((await center.post(`/api/v1/orgs/${id}/retire`)).status).toBe(200);
    const file = await workbook([['SFQ-T1-R1-S1', '综合科', '股室（科室）', 'SFQ-T1-R1', null]], [['撤后新增', idNo(40), 'SFQ-T1-R1', '站长', null, null, null, null]]);
    const before = await counts();
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(t, center, file, query);
      expect(res.status).toBe(422);
      expect(res.body.error.rows).toEqual([
        { sheet: '组织', row: 2, field: '上级组织代码', message: '上级组织「东城街道旧服务站」（SFQ-T1-R1）已撤销' },
        { sheet: '人员', row: 2, field: '所属组织代码', message: '所属组织「东城街道旧服务站」（SFQ-T1-R1）已撤销' },
      ]);
    }
    expect(await counts()).toEqual(before);
  });

  describe('an import at the same moment as a retirement or a move (PostgreSQL, several connections)', () => {
    /** Sends the requests one after the other, each once all before it wait on a lock; all commit after the last (see whileAuditChainHeld). */
    async function inTurn<T>(requests: (() => Promise<T>)[]): Promise<T[]> {
      const pending: Promise<T>[] = [];
      await whileAuditChainHeld(t, async (waitForLocks) => {
        for (const request of requests) {
          pending.push(request());
          await waitForLocks(pending.length);
        }
      });
      return Promise.all(pending);
    }
    const importInto = (code: string, seq: number) => async () =>
      upload(t, center, await workbook([[`${code}-S1`, '综合科', '股室（科室）', code, null]], [['并发导入', idNo(seq), code, null, null, null, null, null]]));
    const retiredWithPeopleOrChildren = async () => {
      const kept = await sql<{ people: number; children: number }>`SELECT
          (SELECT count(*)::int FROM people p JOIN orgs o ON o.id = p.org_id WHERE o.retired_at IS NOT NULL AND p.retired_at IS NULL) AS people,
          (SELECT count(*)::int FROM orgs c JOIN orgs o ON o.id = c.parent_id WHERE o.retired_at IS NOT NULL AND c.retired_at IS NULL) AS children`.execute(t.ctx.database.db);
      return kept.rows[0];
    };

    it.runIf(ENGINE === 'postgres')('a retirement first: the import waits for it, then refuses both rows; nothing is added to the retired org', async () => {
      const id = await unitUnderT1('SFQ-T1-R2', '并发撤销甲');
      const [retired, imported] = await inTurn([() => center.post(`/api/v1/orgs/${id}/retire`), importInto('SFQ-T1-R2', 41)]);
      expect(retired!.status).toBe(200);
      expect(imported!.status).toBe(422);
      expect(imported!.body.error.rows.map((r: { message: string }) => r.message)).toEqual(['上级组织「并发撤销甲」（SFQ-T1-R2）已撤销', '所属组织「并发撤销甲」（SFQ-T1-R2）已撤销']);
      expect(await retiredWithPeopleOrChildren()).toEqual({ people: 0, children: 0 });
    });

    it.runIf(ENGINE === 'postgres')('an import first: the retirement waits for it and then counts what it added', async () => {
      const id = await unitUnderT1('SFQ-T1-R3', '并发撤销乙');
      const [imported, retired] = await inTurn([importInto('SFQ-T1-R3', 42), () => center.post(`/api/v1/orgs/${id}/retire`)]);
      expect(imported).toEqual({ status: 200, body: { dryRun: false, orgsCreated: 1, peopleCreated: 1, postsCreated: 0 } });
      expect(retired!.status).toBe(409);
      expect(['orgs.has_people', 'orgs.has_children']).toContain(retired!.body.error.code);
      expect(await retiredWithPeopleOrChildren()).toEqual({ people: 0, children: 0 });
    });

    it.runIf(ENGINE === 'postgres')('a move first: the import waits for it, and its new org takes the moved parent’s path', async () => {
      const moving = await unitUnderT1('SFQ-T1-M1', '并发移动单位');
      const target = await unitUnderT1('SFQ-T1-M2', '并发移动目标');
      const [moved, imported] = await inTurn([() => center.post(`/api/v1/orgs/${moving}/move`, { parentId: target }), importInto('SFQ-T1-M1', 43)]);
      expect(moved!.status).toBe(200);
      expect(imported!.status).toBe(200);
      const db = t.ctx.database.db;
      const parent = await db.selectFrom('orgs').select(['path', 'depth']).where('id', '=', moving).executeTakeFirstOrThrow();
      const child = await db.selectFrom('orgs').select(['id', 'path', 'depth', 'parent_id']).where('code', '=', 'SFQ-T1-M1-S1').executeTakeFirstOrThrow();
      expect(child).toEqual({ id: child.id, parent_id: moving, path: `${parent.path}${child.id}.`, depth: parent.depth + 1 });
      expect(parent.path).toBe(`${(await db.selectFrom('orgs').select('path').where('id', '=', target).executeTakeFirstOrThrow()).path}${moving}.`);
    });
  });
});
