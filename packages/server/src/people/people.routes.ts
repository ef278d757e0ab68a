import { AssignmentCreate, AssignmentEnd, IdParam, Page, PeopleExportQuery, PeopleQuery, Person, PersonCreate, PersonDetail, PersonUpdate, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import type { App } from '../http/types.js';
import { exportPeople } from './people.export.js';
import { requirePermission } from '../policy/scope.js';
import { assignmentsOf, findPersonInScope, listPeopleInScope, presentPerson } from './people.repository.js';
import { addAssignment, createPerson, endAssignment, retirePerson, updatePerson } from './people.usecases.js';

const tags = ['people'];

export async function peopleRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  /** The detail shows the full ID number: a read of a sensitive record, so it is audited. */
  async function detail(actor: Actor, id: number) {
    const row = await findPersonInScope(db, actor, 'people.read', id);
    if (!row) throw notFound();
    const all = (await assignmentsOf(db, [id], true)).get(id) ?? [];
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action: 'PERSON_VIEWED', objectType: 'person', objectId: id, orgId: row.org_id, summary: `查看人员「${row.name}」详情` }, ctx.clock.now()),
    );
    return { ...presentPerson(actor, row, all.filter((a) => !a.endedOn), true), history: all };
  }

  app.get('/people', { schema: { tags, summary: '人员列表（权限范围内，身份证号脱敏）', querystring: PeopleQuery, response: { 200: Page(Person) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'people.read');
    const { rows, total } = await listPeopleInScope(db, actor, req.query);
    return { items: rows.map((r) => presentPerson(actor, r, r.posts, false)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get(
    '/people/export',
    {
      schema: {
        tags,
        summary: '导出人员名册（.xlsx；权限范围内，身份证号脱敏；记入审计）',
        querystring: PeopleExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().meta({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'people.read');
      await db.transaction().execute((trx) =>
        recordAudit(trx, actor, { action: 'PEOPLE_EXPORTED', objectType: 'person', summary: '导出人员名册', after: req.query }, ctx.clock.now()),
      );
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment('人员名册.xlsx', 'people.xlsx'))
        .send(exportPeople(db, actor, req.query));
    },
  );

  app.get('/people/:id', { schema: { tags, summary: '人员详情（含完整身份证号与任职经历；记入审计）', params: IdParam, response: { 200: PersonDetail } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'people.read');
    return detail(actor, req.params.id);
  });

  app.post('/people', { schema: { tags, summary: '新增人员', body: PersonCreate, response: { 201: PersonDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createPerson(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/people/:id', { schema: { tags, summary: '修改人员', params: IdParam, body: PersonUpdate, response: { 200: PersonDetail } } }, async (req) => {
    const actor = actorOf(req);
    await updatePerson(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/people/:id/retire', { schema: { tags, summary: '人员离岗（结束全部任职）', params: IdParam, response: { 200: PersonDetail } } }, async (req) => {
    const actor = actorOf(req);
    await retirePerson(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post(
    '/people/:id/assignments',
    { schema: { tags, summary: '任职（担任岗位）', params: IdParam, body: AssignmentCreate, response: { 201: PersonDetail } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await addAssignment(ctx, actor, req.params.id, req.body.postId, req.body.startedOn);
      return reply.status(201).send(await detail(actor, req.params.id));
    },
  );

  app.post(
    '/people/:id/assignments/:assignmentId/end',
    {
      schema: {
        tags,
        summary: '离任（结束一项任职）',
        params: IdParam.extend({ assignmentId: z.coerce.number().int().positive() }),
        body: AssignmentEnd,
        response: { 200: PersonDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await endAssignment(ctx, actor, req.params.id, req.params.assignmentId, req.body.endedOn);
      return detail(actor, req.params.id);
    },
  );
}
