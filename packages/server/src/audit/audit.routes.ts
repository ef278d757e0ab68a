import { AuditEntry, AuditQuery, ChainVerification, Page } from '@qingfeng/core';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import type { App } from '../http/types.js';
import { orgScope, requirePermission } from '../policy/scope.js';
import { chainedFieldsOf, verifyAuditChain } from './audit.recorder.js';

const tags = ['audit'];

export async function auditRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get('/audit-entries', { schema: { tags, summary: '审计日志（按人员、对象、时间筛选）', querystring: AuditQuery, response: { 200: Page(AuditEntry) } } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'audit.read');
    const f = req.query;
    let q = db.selectFrom('audit_entries').where(orgScope(actor, 'audit.read', 'audit_entries.org_id'));
    if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
    if (f.objectType) q = q.where('object_type', '=', f.objectType);
    if (f.objectId) q = q.where('object_id', '=', f.objectId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.from) q = q.where('occurred_at', '>=', new Date(f.from));
    if (f.to) q = q.where('occurred_at', '<', new Date(f.to));
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ id: r.id, ...chainedFieldsOf(r), hash: r.hash })),
      total: total.n,
      page: f.page,
      pageSize: f.pageSize,
    };
  });

  app.get(
    '/audit-entries/verification',
    {
      schema: {
        tags,
        summary: '重新计算哈希链，报告第一条断裂记录（系统管理员）',
        response: { 200: ChainVerification },
      },
    },
    async (req) => {
      requirePermission(actorOf(req), 'system.admin');
      return verifyAuditChain(db);
    },
  );
}
