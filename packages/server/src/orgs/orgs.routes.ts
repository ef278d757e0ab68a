import { IdParam, Org, OrgCreate, OrgDetail, OrgListQuery, OrgMove, OrgUpdate } from '@qingfeng/core';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { countActive, findOrgInScope, listOrgsInScope, presentOrg, supervisedOrgIds } from './orgs.repository.js';
import { orgTreeCache } from './orgs.tree-cache.js';
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

  const trees = orgTreeCache();
  const OrgList = z.object({ items: z.array(Org) });

  app.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: '组织机构（权限范围内，按层级排序；前端据 parentId 组树。大的树用 roots=true 取顶层、parentId=… 逐级展开）',
        description: '整棵树（不带 kind、q、parentId、roots）的应答带 ETag；请求带 If-None-Match 且组织树未变时答 304。',
        querystring: OrgListQuery,
        response: { 200: OrgList, 304: z.null().describe('组织树未变（If-None-Match 与 ETag 相同）') },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'orgs.read');
      const list = async () => {
        const rows = await listOrgsInScope(db, actor, req.query);
        const groups = rows.filter((r) => r.kind === 'dispatched_group').map((r) => r.id);
        const sup = await supervisedOrgIds(db, groups);
        return { items: rows.map((r) => presentOrg(actor, r, sup.get(r.id))) };
      };
      const { kind, q, parentId, roots, includeRetired = false } = req.query;
      if (kind || q || parentId !== undefined || roots) return list();
      // The whole tree: kept serialized while the tree stands (orgs.tree-cache.ts), checked against
      // the schema when it is built, as every other answer is when it is sent.
      const tree = await trees.serve(db, actor, includeRetired, async () => JSON.stringify(OrgList.encode(await list())));
      // The tag serves a client that keeps the tree itself; browsers still store nothing (no-store, app.ts).
      reply.header('etag', tree.etag);
      if (req.headers['if-none-match'] === tree.etag) return reply.code(304).send(null);
      // Already JSON (bytes with a JSON content type are sent as they are, not serialized again).
      return reply.type('application/json; charset=utf-8').send(tree.body as never);
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
