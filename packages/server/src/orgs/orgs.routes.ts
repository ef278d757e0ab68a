import { IdParam, Org, OrgCreate, OrgDetail, OrgListQuery, OrgMove, OrgUpdate } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { countActive, findOrgInScope, listOrgsInScope, presentOrg, supervisedOrgIds } from './orgs.repository.js';
import { createOrg, moveOrg, retireOrg, updateOrg } from './orgs.usecases.js';

const tags = ['orgs'];

export async function orgsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  async function detail(actor: ReturnType<typeof actorOf>, id: number) {
    const row = await findOrgInScope(db, actor, 'orgs.read', id);
    if (!row) throw notFound();
    const sup = await supervisedOrgIds(db, [id]);
    const counts = await countActive(db, id);
    return { ...presentOrg(actor, row, sup.get(id)), peopleCount: counts.people, childCount: counts.children };
  }

  app.get(
    '/orgs',
    { schema: { tags, summary: '组织机构（权限范围内，按层级排序；前端据 parentId 组树。大的树用 roots=true 取顶层、parentId=… 逐级展开）', querystring: OrgListQuery, response: { 200: z.object({ items: z.array(Org) }) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'orgs.read');
      const rows = await listOrgsInScope(db, actor, req.query);
      const groups = rows.filter((r) => r.kind === 'dispatched_group').map((r) => r.id);
      const sup = await supervisedOrgIds(db, groups);
      return { items: rows.map((r) => presentOrg(actor, r, sup.get(r.id))) };
    },
  );

  app.get('/orgs/:id', { schema: { tags, summary: '组织详情', params: IdParam, response: { 200: OrgDetail } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'orgs.read');
    return detail(actor, req.params.id);
  });

  app.post('/orgs', { schema: { tags, summary: '新建组织', body: OrgCreate, response: { 201: OrgDetail } } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createOrg(ctx, actor, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.patch('/orgs/:id', { schema: { tags, summary: '修改组织', params: IdParam, body: OrgUpdate, response: { 200: OrgDetail } } }, async (req) => {
    const actor = actorOf(req);
    await updateOrg(ctx, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/orgs/:id/move', { schema: { tags, summary: '调整上级组织（整棵子树随之移动）', params: IdParam, body: OrgMove, response: { 200: OrgDetail } } }, async (req) => {
    const actor = actorOf(req);
    await moveOrg(ctx, actor, req.params.id, req.body.parentId);
    return detail(actor, req.params.id);
  });

  app.post('/orgs/:id/retire', { schema: { tags, summary: '撤销组织（须无下级组织和在岗人员）', params: IdParam, response: { 200: OrgDetail } } }, async (req) => {
    const actor = actorOf(req);
    await retireOrg(ctx, actor, req.params.id);
    return detail(actor, req.params.id);
  });
}
