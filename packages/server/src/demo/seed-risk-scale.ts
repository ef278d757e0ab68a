import { levelDef, levelOf, RISK_CATEGORIES } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { activeMatrix } from '../risk-matrices/risk-matrices.repository.js';
import { monitoringResolver } from '../risk-points/risk-points.levelling.js';
import { SCALE_CODE_PREFIX } from './seed-scale.js';

// `qingfeng seed-risk-scale`: a prefecture-scale risk register on top of `seed-scale` — 200,000
// risk points (each with a measure) over its units and sections, levelled by the active matrix,
// with their monitoring owners, mostly published. Deterministic and set-based (one INSERT … SELECT).

export const SCALE_RISK_POINTS = 200_000;

const TITLES = [
  '资金支付审核把关不严', '惠民补贴发放优亲厚友', '工程项目结算虚增工程量', '政府采购指定供应商', '执法检查选择性执法',
  '行政审批吃拿卡要', '公务接待超标准', '公车私用', '人事招录暗箱操作', '项目资金截留挪用', '收受管理服务对象礼品礼金', '重大事项未经集体研究',
];
const MEASURES = ['实行双人复核、限额审批', '办理流程与结果公开公示', '纪检监察员全程监督', '定期轮岗与交叉检查', '信息系统留痕、电子监察预警'];

export async function seedRiskScale(database: Database, now: Date): Promise<{ points: number; orgs: number; seconds: number }> {
  const started = performance.now();
  const { db } = database;
  const existing = await db.selectFrom('risk_points').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (existing.n > 1000) throw new AppError('request.invalid', `已有 ${existing.n} 个风险点，规模测试风险点不能重复载入`);
  const orgs = await db
    .selectFrom('orgs')
    .select(['orgs.id', 'orgs.kind', sql<number | null>`(SELECT min(posts.id) FROM posts WHERE posts.org_id = orgs.id)`.as('post_id')])
    .where('orgs.kind', 'in', ['unit', 'section'])
    .where('orgs.code', 'like', `${SCALE_CODE_PREFIX}%`)
    .orderBy('orgs.id')
    .execute();
  if (orgs.length === 0) throw new AppError('request.invalid', '请先运行 seed-scale 载入规模测试组织');
  await db.transaction().execute(async (trx) => {
    const matrix = await activeMatrix(trx, 'share');
    const def = matrix.definition;
    const resolve = await monitoringResolver(trx, orgs.map((o) => o.id));
    const orgRows = orgs.map((o, idx) => ({ idx, org_id: o.id, kind: o.kind, post_id: o.post_id, m1: resolve(o.id, 'supervisor'), m2: resolve(o.id, 'township'), m3: resolve(o.id, 'own') }));
    const pairs = def.likelihood.flatMap((l) => def.impact.map((i) => ({ likelihood: l.value, impact: i.value, ...levelOf(def, l.value, i.value)! })));
    const levelRows = pairs.map((p, idx) => ({ idx, likelihood: p.likelihood, impact: p.impact, level: p.level, score: p.score, tier: levelDef(def, p.level)!.monitor }));
    const [{ max }] = (await sql<{ max: number }>`SELECT coalesce(max(id), 0)::int AS max FROM risk_points`.execute(trx)).rows as [{ max: number }];
    await sql`
      INSERT INTO risk_points (id, series_id, version, org_id, object_level, post_id, title, category, manifestation, likelihood, impact, score, level, matrix_id, monitor_org_id, discovery, status, submitted_at, reviewed_at, published_at, created_at, updated_at)
      SELECT x.id, x.id, 1, x.org_id, x.object_level, CASE WHEN x.object_level = 'post' THEN x.post_id END, x.title, x.category, x.title || '，可能造成国家、集体或群众利益受损',
             x.likelihood, x.impact, x.score, x.level, ${matrix.id}, x.monitor, x.discovery, x.status,
             CASE WHEN x.status <> 'draft' THEN ${now}::timestamptz END, CASE WHEN x.status IN ('approved', 'published') THEN ${now}::timestamptz END,
             CASE WHEN x.status = 'published' THEN ${now}::timestamptz END, ${now}::timestamptz, ${now}::timestamptz
      FROM (
        SELECT nextval(pg_get_serial_sequence('risk_points', 'id'))::int AS id, o.org_id, o.post_id, l.likelihood, l.impact, l.score, l.level,
               CASE l.tier WHEN 'supervisor' THEN o.m1 WHEN 'township' THEN o.m2 ELSE o.m3 END AS monitor,
               CASE WHEN o.kind = 'section' THEN (CASE WHEN n % 2 = 0 AND o.post_id IS NOT NULL THEN 'post' ELSE 'section' END)
                    ELSE (CASE WHEN n % 4 < 2 AND o.post_id IS NOT NULL THEN 'post' WHEN n % 4 = 2 THEN 'unit' ELSE 'leadership' END) END AS object_level,
               (${sql.val(TITLES)}::text[])[1 + (n * 101) % ${TITLES.length}] AS title,
               (${sql.val([...RISK_CATEGORIES])}::text[])[1 + (n * 31) % 5] AS category,
               (ARRAY['self_check','dept_review','cross_check','leadership_review'])[1 + (n * 7) % 4] AS discovery,
               CASE WHEN (n * 13) % 10 < 7 THEN 'published' WHEN (n * 13) % 10 = 7 THEN 'approved' WHEN (n * 13) % 10 = 8 THEN 'submitted' ELSE 'draft' END AS status
        FROM generate_series(1, ${SCALE_RISK_POINTS}) AS n
        JOIN jsonb_to_recordset(${JSON.stringify(orgRows)}::jsonb) AS o(idx int, org_id int, kind text, post_id int, m1 int, m2 int, m3 int) ON o.idx = n % ${orgRows.length}
        JOIN jsonb_to_recordset(${JSON.stringify(levelRows)}::jsonb) AS l(idx int, likelihood float8, impact float8, level int, score float8, tier text) ON l.idx = ((n * 7919) / 3) % ${levelRows.length}
        ORDER BY n
      ) x`.execute(trx);
    await sql`
      INSERT INTO risk_measures (risk_point_id, seq, content, owner, due_on)
      SELECT id, 1, (${sql.val(MEASURES)}::text[])[1 + id % ${MEASURES.length}], '单位主要负责人', DATE '2026-12-31' FROM risk_points WHERE id > ${max}`.execute(trx);
    await recordAudit(trx, { system: '规模测试数据' }, { action: 'DEMO_SEEDED', objectType: 'system', summary: `载入规模测试风险点 ${SCALE_RISK_POINTS} 个（${orgs.length} 个单位和股室）` }, now);
  });
  // VACUUM sets the visibility map, so the counts can use index-only scans at once.
  await sql`VACUUM ANALYZE risk_points`.execute(db);
  // Statistics for the measures and for the counts the triggers kept (schema derived): a server with
  // autovacuum off would plan those tables as empty (a sort instead of a hash for the org × category counts).
  await sql`ANALYZE`.execute(db);
  return { points: SCALE_RISK_POINTS, orgs: orgs.length, seconds: (performance.now() - started) / 1000 };
}
