// `npm run bench:evaluation -- --engine postgres|pglite`: the yearly rating run at prefecture scale.
// The demo district plus the scale data (2,000 more orgs, 100,000 people) and 1,000,000 warnings
// issued over five years (85% to people, 15% to units; levels 70/20/10%). Measures the preview's
// counts, the confirmation of last year's run (every person and unit rated and stored), its
// publication (consequence tasks and the talks they schedule), the disqualification list, and the
// archive page (GET /api/v1/archives/:id, audited) over 300 people: p50/p95. Verifies the counts.
//
// Options: --engine pglite|postgres (default postgres), --warnings <n> (default 1000000), --archives <n> (default 300)
// PostgreSQL: a new database on BENCH_PG_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
import { parseArgs } from 'node:util';
import { loadActor } from '../src/policy/actor.js';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import { migrate } from '../src/db/migrate.js';
import { seedScale } from '../src/demo/seed-scale.js';
import { exportDisqualifications } from '../src/evaluations/evaluations.export.js';
import { ratingsOf, summaryOf } from '../src/evaluations/evaluations.repository.js';
import { confirmRun, publishRun } from '../src/evaluations/evaluations.usecases.js';
import { DEFAULT_CONSEQUENCE_RULE, DEFAULT_RATING_RULE } from '@qingfeng/core';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';

const { values: args } = parseArgs({ options: { engine: { type: 'string', default: 'postgres' }, warnings: { type: 'string', default: '1000000' }, archives: { type: 'string', default: '300' } } });
const engine = args.engine as 'pglite' | 'postgres';
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const total = Number(args.warnings);
const archives = Number(args.archives);
const NOW = new Date('2026-11-23T09:00:00+08:00');
const YEAR = 2025;
const log = (msg: string) => console.error(`[bench:evaluation] ${msg}`);
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
};

process.env.QF_TEST_ENGINE = engine;
process.env.TEST_DATABASE_URL ??= process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { blankDatabase } = await import('../test/harness.js');

const { database, drop } = await blankDatabase(4);
try {
  const db = database.db;
  await migrate(database);
  log(`${engine}: seeding the scale data…`);
  const [scale, seedScaleSeconds] = await timed(() => seedScale(database, NOW));
  log(`${scale.orgs + 0} orgs, ${scale.people} people in ${seedScaleSeconds.toFixed(1)} s; ${total.toLocaleString()} warnings…`);
  const [, seedWarningsSeconds] = await timed(async () => {
    await sql`
      WITH p AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(org_id ORDER BY id) AS orgs FROM people),
           u AS (SELECT array_agg(id ORDER BY id) AS ids FROM orgs WHERE kind = 'unit')
      INSERT INTO warnings (serial_no, level, subject_kind, subject_person_id, subject_org_id, issuer_org_id, issued_on, deadline, status, facts, basis,
                            disposal_measures, demands, back_registered, closed_on, outcome, created_at)
      SELECT '示纪预〔基准〕' || g || '号',
             CASE WHEN g % 10 < 7 THEN 1 WHEN g % 10 < 9 THEN 2 ELSE 3 END,
             CASE WHEN g % 20 < 17 THEN 'person' ELSE 'org' END,
             CASE WHEN g % 20 < 17 THEN p.ids[(1 + (g::bigint * 7919) % cardinality(p.ids))::int] END,
             CASE WHEN g % 20 < 17 THEN p.orgs[(1 + (g::bigint * 7919) % cardinality(p.ids))::int] ELSE u.ids[(1 + (g::bigint * 104729) % cardinality(u.ids))::int] END,
             1, d, d + 14, 'closed', '事实', '依据', ARRAY['提醒'], ARRAY['explanation'], true, d + 20, 'accepted', now()
      FROM generate_series(1, ${total}) g, p, u, LATERAL (SELECT '2021-01-01'::date + (g % 1826) AS d) dd`.execute(db);
    await sql`ANALYZE`.execute(db);
  });
  const inYear = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM warnings WHERE issued_on BETWEEN '2025-01-01' AND '2025-12-31'`.execute(db)).rows[0]!.n;
  log(`warnings seeded in ${seedWarningsSeconds.toFixed(1)} s (${inYear.toLocaleString()} in ${YEAR})`);

  const ctx: AppContext = { database, config: { ...loadConfig({}), logLevel: 'warn' }, clock: { now: () => NOW } };
  const centerId = (await db.selectFrom('users').select('id').where('username', '=', 'center').executeTakeFirstOrThrow()).id;
  const center = (await loadActor(db, centerId))!;

  const [preview, previewSeconds] = await timed(() => summaryOf(db, ratingsOf(YEAR, DEFAULT_RATING_RULE)));
  const [runId, confirmSeconds] = await timed(() => confirmRun(ctx, center, YEAR));
  const counts = (await sql<{ people: number; orgs: number }>`
    SELECT count(*) FILTER (WHERE subject_kind = 'person')::int AS people, count(*) FILTER (WHERE subject_kind = 'org')::int AS orgs
    FROM evaluation_results WHERE run_id = ${runId}`.execute(db)).rows[0]!;
  const [, publishSeconds] = await timed(() => publishRun(ctx, center, runId));
  const tasks = (await sql<{ tasks: number; talks: number }>`
    SELECT (SELECT count(*)::int FROM evaluation_tasks WHERE run_id = ${runId}) AS tasks, (SELECT count(*)::int FROM talks WHERE source_kind = 'rating') AS talks`.execute(db)).rows[0]!;
  const [bytes, exportSeconds] = await timed(
    () =>
      new Promise<number>((resolve, reject) => {
        let n = 0;
        exportDisqualifications(db, runId, YEAR, DEFAULT_CONSEQUENCE_RULE).on('data', (c: Buffer) => (n += c.length)).on('end', () => resolve(n)).on('error', reject);
      }),
  );

  // The archive page through the API, as the centre (the read is audited each time).
  const app = await buildApp(ctx, { serveWeb: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'center', password: DEMO_PASSWORD } });
  const token = login.json().token as string;
  const people = (await sql<{ id: number }>`SELECT id FROM people WHERE id % 331 = 7 ORDER BY id LIMIT ${archives}`.execute(db)).rows.map((r) => r.id);
  const times: number[] = [];
  for (const id of people) {
    const t0 = performance.now();
    const res = await app.inject({ url: `/api/v1/archives/${id}`, headers: { authorization: `Bearer ${token}` } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`archive ${id}: ${res.statusCode} ${res.body}`);
  }
  await app.close();
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(0);

  const ok =
    counts.people === preview.people.good + preview.people.fair + preview.people.poor &&
    counts.orgs === preview.orgs.good + preview.orgs.fair + preview.orgs.poor &&
    counts.people >= scale.people;
  console.log(
    [
      `engine                  ${engine}`,
      `people / orgs rated     ${counts.people.toLocaleString()} / ${counts.orgs.toLocaleString()}  (好/中/差 people ${preview.people.good}/${preview.people.fair}/${preview.people.poor}, units ${preview.orgs.good}/${preview.orgs.fair}/${preview.orgs.poor})`,
      `warnings                ${total.toLocaleString()} in five years, ${inYear.toLocaleString()} in ${YEAR}`,
      `preview counts          ${previewSeconds.toFixed(2)} s`,
      `confirm run             ${confirmSeconds.toFixed(2)} s   (target < 30 s on PostgreSQL)`,
      `publish run             ${publishSeconds.toFixed(2)} s   (${tasks.tasks.toLocaleString()} tasks, ${tasks.talks.toLocaleString()} talks)`,
      `disqualification list   ${exportSeconds.toFixed(2)} s   (${(bytes / 1024 / 1024).toFixed(1)} MB .xlsx)`,
      `archive page            p50 ${pct(50)} ms, p95 ${pct(95)} ms over ${times.length} people   (target p95 < 300 ms)`,
      `verified                ${ok ? 'yes' : 'NO'}`,
    ].join('\n'),
  );
  if (!ok) process.exitCode = 1;
} finally {
  await drop();
}
