import { levelDef, levelLabel, Page, PortalQuery, PortalRiskPoint, Power, type ObjectLevel, type RiskCategory } from '@qingfeng/core';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { App } from '../http/types.js';
import { inSubtreeOf } from '../orgs/orgs.repository.js';
import { riskStepsOf } from '../powers/powers.repository.js';
import { matricesById } from '../risk-matrices/risk-matrices.repository.js';
import { measuresOf } from '../risk-points/risk-points.repository.js';
import { talliedPublished } from '../risk-points/risk-points.tallies.js';
import { containing } from '../db/like.js';

// The public portal (no login): only what was published — risk points and their measures, and the
// published power inventories with their flowcharts. No reviewer, comment, author or draft.

const config = { public: true };
const tags = ['portal'];

export async function portalRiskRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get(
    '/orgs',
    { config, schema: { tags, summary: '公开了风险点或职权目录的单位', response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), riskPoints: z.number().int(), powers: z.number().int() })) }) } } },
    async () => {
      // Published points per org from the counts kept by trigger (0508), not counted on each visit.
      const rows = await sql<{ id: number; name: string; risk_points: number; powers: number }>`
        SELECT o.id, o.name, coalesce(r.n, 0)::int AS risk_points, coalesce(w.n, 0)::int AS powers
        FROM orgs o
        LEFT JOIN derived.risk_point_org_tallies r ON r.org_id = o.id AND r.status = 'published' AND r.n > 0
        LEFT JOIN (SELECT org_id, count(*) AS n FROM powers WHERE status = 'published' GROUP BY org_id) w ON w.org_id = o.id
        WHERE (r.n IS NOT NULL OR w.n IS NOT NULL) AND o.retired_at IS NULL
        ORDER BY o.path`.execute(db);
      return { items: rows.rows.map((r) => ({ id: r.id, name: r.name, riskPoints: r.risk_points, powers: r.powers })) };
    },
  );

  app.get('/risk-points', { config, schema: { tags, summary: '公示的廉政风险点及防控措施', querystring: PortalQuery, response: { 200: Page(PortalRiskPoint) } } }, async (req) => {
    const f = req.query;
    let q = db.selectFrom('risk_points as p').innerJoin('orgs as o', 'o.id', 'p.org_id').where('p.status', '=', 'published');
    if (f.orgId !== undefined) q = q.where(inSubtreeOf('o.path', f.orgId));
    if (f.q) q = q.where('p.title', 'like', containing(f.q));
    const [rows, total] = await Promise.all([
      q
        .leftJoin('posts', 'posts.id', 'p.post_id')
        .select(['p.id', 'o.name as org_name', 'p.object_level', 'posts.name as post_name', 'p.title', 'p.category', 'p.manifestation', 'p.level', 'p.matrix_id', 'p.published_at'])
        .orderBy('o.path')
        .orderBy('p.level')
        .orderBy('p.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      // Without a search, from the counts kept per org, not a count of the district's published
      // points (140,000 on the bench data: ≈ 100 ms per anonymous visit).
      f.q ? q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n) : talliedPublished(db, f.orgId),
    ]);
    const [measures, matrices] = await Promise.all([measuresOf(db, rows.map((r) => r.id)), matricesById(db, rows.map((r) => r.matrix_id))]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        orgName: r.org_name,
        objectLevel: r.object_level as ObjectLevel,
        postName: r.post_name,
        title: r.title,
        category: r.category as RiskCategory,
        manifestation: r.manifestation,
        ...levelLabel(levelDef(matrices.get(r.matrix_id)!.definition, r.level), r.level),
        // What the public sees of a measure: its content, owner and date, not whether it is done.
        measures: (measures.get(r.id) ?? []).map((m) => ({ content: m.content, owner: m.owner, dueOn: m.dueOn })),
        publishedAt: new Date(r.published_at!).toISOString(),
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  });

  const PortalPower = Power.pick({ id: true, orgName: true, name: true, type: true, legalBasis: true, sectionName: true, steps: true, riskSteps: true });
  app.get('/powers', { config, schema: { tags, summary: '公开的职权目录及权力运行流程图（风险步骤按等级着色）', querystring: PortalQuery, response: { 200: Page(PortalPower) } } }, async (req) => {
    const f = req.query;
    let q = db.selectFrom('powers as w').innerJoin('orgs as o', 'o.id', 'w.org_id').where('w.status', '=', 'published');
    if (f.orgId !== undefined) q = q.where(inSubtreeOf('o.path', f.orgId));
    if (f.q) q = q.where('w.name', 'like', containing(f.q));
    const [rows, total] = await Promise.all([
      q
        .leftJoin('orgs as s', 's.id', 'w.section_org_id')
        .select(['w.id', 'o.name as org_name', 'w.name', 'w.type', 'w.legal_basis', 's.name as section_name', 'w.steps'])
        .orderBy('o.path')
        .orderBy('w.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    // Only published risk points are marked on a public flowchart.
    const risks = await riskStepsOf(db, rows.map((r) => r.id), true);
    return {
      items: rows.map((r) => ({ id: r.id, orgName: r.org_name, name: r.name, type: r.type as Power['type'], legalBasis: r.legal_basis, sectionName: r.section_name, steps: r.steps as Power['steps'], riskSteps: risks.get(r.id) ?? [] })),
      total: total.n,
      page: f.page,
      pageSize: f.pageSize,
    };
  });
}
