// `npm run bench:sweep -- --engine postgres|pglite`: 1,000,000 open warnings of which 100,000 are
// overdue; one sweep must escalate exactly those 100,000 (70,000 level 1 → level 2, 20,000 level 2
// → level 3, 10,000 level 3 → accountability referral), with their notices and audit entries, in
// set-based statements. Prints the figures; verifies the result.
//
// Options: --engine pglite|postgres (default postgres), --total <n> (default 1000000), --overdue <n> (default 100000)
// PostgreSQL: a new database on BENCH_PG_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
// PGlite: in memory.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { sweepOverdue } from '../src/warnings/warnings.sweep.js';

const { values: args } = parseArgs({
  options: { engine: { type: 'string', default: 'postgres' }, total: { type: 'string', default: '1000000' }, overdue: { type: 'string', default: '100000' } },
});
const engine = args.engine as 'pglite' | 'postgres';
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const total = Number(args.total);
const overdue = Number(args.overdue);
const NOW = new Date('2026-11-23T09:00:00+08:00');
const log = (msg: string) => console.error(`[bench:sweep] ${msg}`);
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

// The same blank databases as the test suite: in-memory PGlite, or a new database on the server.
process.env.QF_TEST_ENGINE = engine;
process.env.TEST_DATABASE_URL ??= process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { blankDatabase } = await import('../test/harness.js');

const { database, drop } = await blankDatabase(2);
try {
  const db = database.db;
  await migrate(database);
  await seedDemo(database, NOW);
  log(`${engine}: seeding ${total.toLocaleString()} open warnings (${overdue.toLocaleString()} overdue)…`);
  let t0 = performance.now();
  // Subjects spread over the demo district's units; the overdue ones first, by level: 70% / 20% / 10%.
  await sql`
    WITH units AS (SELECT array_agg(id ORDER BY id) AS ids FROM orgs WHERE kind = 'unit')
    INSERT INTO warnings (serial_no, level, subject_kind, subject_org_id, issuer_org_id, issued_on, deadline, status, facts, basis, disposal_measures, demands, created_at)
    SELECT '示纪预〔2025〕B' || g || '号',
           CASE WHEN g <= ${overdue} THEN CASE WHEN g % 10 < 7 THEN 1 WHEN g % 10 < 9 THEN 2 ELSE 3 END ELSE 1 + g % 3 END,
           'org', units.ids[1 + g % cardinality(units.ids)], 1,
           '2026-11-02', CASE WHEN g <= ${overdue} THEN '2026-11-20'::date ELSE '2026-11-23'::date + (g % 30) END,
           CASE WHEN g % 2 = 0 THEN 'issued' ELSE 'acknowledged' END,
           '未按规定公开资金使用情况', '专项检查', ARRAY['限期整改'], ARRAY['explanation'], now()
    FROM generate_series(1, ${total}) g, units`.execute(db);
  // A long-lived table is vacuumed and its pages written out: the sweep is measured, not the seed's
  // pending hint bits and checkpoint.
  await sql`VACUUM ANALYZE warnings`.execute(db);
  await sql`CHECKPOINT`.execute(db);
  log(`seeded in ${seconds(t0)} s`);

  // Wall time depends on what else the shared cores run; CPU time tells the work itself: this
  // process's, and (PostgreSQL on this machine) that of the database's server processes.
  const dbCpu = async () => {
    if (engine !== 'postgres') return 0;
    const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
      } catch {
        /* not on this machine */
      }
    }
    return ticks / 100;
  };
  const cpu0 = process.cpuUsage();
  const db0 = await dbCpu();
  t0 = performance.now();
  const result = await sweepOverdue(database, NOW);
  const sweepSeconds = seconds(t0);
  const nodeCpu = (() => {
    const u = process.cpuUsage(cpu0);
    return ((u.user + u.system) / 1e6).toFixed(2);
  })();
  const dbCpuSeconds = ((await dbCpu()) - db0).toFixed(2);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

  t0 = performance.now();
  const again = await sweepOverdue(database, NOW);
  const idleSeconds = seconds(t0);

  const { rows } = await sql<{ children: number; referrals: number; still: number; notices: number; audits: number; parents: number }>`
    SELECT (SELECT count(*)::int FROM warnings WHERE parent_warning_id IS NOT NULL) AS children,
           (SELECT count(DISTINCT parent_warning_id)::int FROM warnings WHERE parent_warning_id IS NOT NULL) AS parents,
           (SELECT count(*)::int FROM accountability_referrals) AS referrals,
           (SELECT count(*)::int FROM warnings WHERE status IN ('issued', 'acknowledged') AND deadline < '2026-11-23') AS still,
           (SELECT count(*)::int FROM warning_notices) AS notices,
           (SELECT count(*)::int FROM audit_entries WHERE action IN ('WARNING_ESCALATED', 'WARNING_REFERRED')) AS audits`.execute(db);
  const v = rows[0]!;
  const expectedReferrals = Math.floor(overdue / 10);
  const ok =
    result.escalated + result.referred === overdue &&
    v.children === overdue - expectedReferrals &&
    v.parents === v.children &&
    v.referrals === expectedReferrals &&
    v.still === 0 &&
    v.audits === overdue &&
    again.escalated + again.referred === 0;
  console.log(
    [
      `engine                 ${engine}`,
      `open warnings          ${total.toLocaleString()} (overdue ${overdue.toLocaleString()})`,
      `sweep                  ${sweepSeconds} s — escalated ${result.escalated.toLocaleString()}, referred ${result.referred.toLocaleString()}`,
      `CPU                    node ${nodeCpu} s${engine === 'postgres' ? `, PostgreSQL ${dbCpuSeconds} s` : ' (PGlite runs inside node)'}; load average ${load}`,
      `new warnings / notices ${v.children.toLocaleString()} / ${v.notices.toLocaleString()}; audit entries ${v.audits.toLocaleString()}`,
      `second sweep (nothing) ${idleSeconds} s`,
      `verified               ${ok ? 'yes: exactly the overdue warnings, each once' : 'NO'}`,
    ].join('\n'),
  );
  if (!ok) {
    console.error(JSON.stringify({ result, again, v }));
    process.exitCode = 1;
  }
} finally {
  await drop();
}
