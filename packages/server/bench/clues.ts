// `npm run bench:clues -- --engine postgres|pglite [--clues 1000000]`: the warning-clue ledger at
// scale. Loads the demo district and N clues (default 1,000,000, bulk-loaded with SQL from 4,000
// distinct texts), then measures in-process through the app's routes (app.inject: no network):
//   - batch intake (POST /clues/batch, 1,000 clues per request, as a workstation): clues/s
//   - a filtered ledger page (centre and town1): p50/p95 ms
//   - full-text search (红包, 违规收费, 某社区主任): p50/p95 ms
//   - public submissions with the proof of work on (challenge, submit; the nonce solved by the bench
//     beforehand, as a browser would): submissions/s, and the solving time per challenge
// PostgreSQL: a fresh database qf_bench_clues on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// PGlite: a fresh data directory under $TMPDIR.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROBLEM_TYPE_CODES, searchTerms } from '@qingfeng/core';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { solveChallenge } from '../src/portal/portal.challenges.js';

const { values: args } = parseArgs({ options: { engine: { type: 'string', default: 'postgres' }, clues: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' } } });
const engine = args.engine as 'postgres' | 'pglite';
const N = Number(args.clues);
const RUNS = Number(args.runs);
const log = (m: string) => console.error(`[bench:clues ${engine}] ${m}`);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'qf-bench-clues-'));
    const database = await openDatabase({ dataDir: dir });
    return { database, drop: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const base = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS qf_bench_clues WITH (FORCE)');
  await admin.query('CREATE DATABASE qf_bench_clues');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/qf_bench_clues';
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return { database, drop: () => database.close() };
}

const SUBJECTS = ['某社区主任', '某村会计', '某所所长', '某科科长', '某中心工作人员', '某队队员', '某校校长', '某站站长', '某局副局长', '某办主任', '某院财务人员', '某街道干部', '某镇民政员', '某股股长', '某窗口工作人员', '某项目负责人', '某执法人员', '某网格员', '某医院医生', '某采购管理员'];
const DEEDS = ['收受红包礼金', '违规收费', '吃拿卡要', '违规吃喝', '推诿扯皮不作为', '违规发放补贴', '优亲厚友办理低保', '虚报冒领资金', '插手工程项目', '公车私用', '违规兼职取酬', '收受购物卡', '索要好处费', '私设小金库', '违规报销', '干预招投标', '泄露评审信息', '超标准接待', '收受土特产', '借机敛财'];
const DETAILS = ['群众反映强烈', '涉及金额较大', '持续时间较长', '已有多人反映', '有相关票据为证', '发生在节假日期间', '涉及多名群众', '近期仍在发生', '曾被媒体报道', '当事人曾被提醒'];

async function bulkLoad(database: Database) {
  const { db } = database;
  const texts: { id: number; content: string; terms: string[] }[] = [];
  for (let s = 0; s < SUBJECTS.length; s++)
    for (let d = 0; d < DEEDS.length; d++)
      for (let x = 0; x < DETAILS.length; x++) {
        const content = `群众反映${SUBJECTS[s]}${DEEDS[d]}，${DETAILS[x]}。请予核查。`;
        texts.push({ id: texts.length, content, terms: searchTerms(content) });
      }
  await sql`CREATE TEMP TABLE bench_texts (id int primary key, content text, terms text[])`.execute(db);
  for (let i = 0; i < texts.length; i += 500) {
    await db
      .insertInto('bench_texts' as never)
      .values(texts.slice(i, i + 500).map((t) => ({ id: t.id, content: t.content, terms: t.terms })) as never)
      .execute();
  }
  const orgs = (await db.selectFrom('orgs').select(['id', 'kind']).execute()).filter((o) => o.kind === 'unit' || o.kind === 'section').map((o) => o.id);
  const handlers = (await db.selectFrom('orgs').select('id').where('kind', 'in', ['commission', 'township_commission', 'dispatched_group']).execute()).map((o) => o.id);
  const types = PROBLEM_TYPE_CODES as readonly string[];
  const CHUNK = 100_000;
  const started = performance.now();
  for (let from = 0; from < N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK);
    await sql`
      INSERT INTO clues (ledger_year, ledger_seq, ledger_no, channel, problem_type, content, search_terms, subject_org_id, handler_org_id, routed_as,
                         reporter_kind, level, status, received_on, ack_due, created_at, updated_at)
      SELECT 2000 + g / 100000, g % 100000 + 1, 'BENCH-' || g, (ARRAY['petition','audit','police','online_complaint','e_supervision','media'])[1 + g % 6],
             (${sql.val(types)}::text[])[1 + g % ${types.length}], t.content, t.terms,
             (${sql.val(orgs)}::int[])[1 + (hashint4(g) & 2147483647) % ${orgs.length}], (${sql.val(handlers)}::int[])[1 + (hashint4(g + 7) & 2147483647) % ${handlers.length}], 'centre',
             (ARRAY['none','anonymous','named'])[1 + (hashint4(g + 1) & 2147483647) % 3], (ARRAY[NULL,1,2,3])[1 + (hashint4(g + 2) & 2147483647) % 4]::smallint,
             (ARRAY['registered','pending_approval','disposing','closed','closed','closed'])[1 + (hashint4(g + 3) & 2147483647) % 6],
             DATE '2023-01-01' + (g % 1400), CASE WHEN g % 3 = 2 THEN DATE '2023-01-22' + (g % 1400) END, now(), now()
      FROM generate_series(${from}::int, ${to - 1}::int) g JOIN bench_texts t ON t.id = g % ${texts.length}`.execute(db);
    log(`loaded ${to.toLocaleString()} clues (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  // A ledger's rows are old and vacuumed: without this the first reads set every row's hint bits
  // while being timed, and autovacuum runs during the measurements.
  await sql`VACUUM (ANALYZE) clues`.execute(db);
  return (performance.now() - started) / 1000;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function main() {
  const { database, drop } = await open();
  try {
    await migrate(database);
    const config = { ...loadConfig({}), logLevel: 'silent', reporterKey: randomBytes(32).toString('base64'), portalRatePerMinute: 1_000_000 };
    await seedDemo(database, systemClock.now(), config);
    const loadSeconds = await bulkLoad(database);
    const app = await buildApp({ database, config, clock: systemClock }, { serveWeb: false });
    await app.ready();
    const token = async (username: string) => (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })).json().token as string;
    const auth = { center: await token('center'), town1: await token('town1'), station1: await token('station1') };
    const get = async (who: keyof typeof auth, url: string) => {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auth[who]}` } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return { ms: performance.now() - s, total: res.json().total as number };
    };
    const results: string[] = [];
    const timed = async (label: string, who: keyof typeof auth, url: string) => {
      await get(who, url);
      const ms: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await get(who, url);
        ms.push(r.ms);
        total = r.total;
      }
      results.push(`| ${label} | ${who} | ${total.toLocaleString()} | ${pct(ms, 50).toFixed(0)} | ${pct(ms, 95).toFixed(0)} |`);
      log(results.at(-1)!);
    };
    const town1 = (await database.db.selectFrom('orgs').select('id').where('code', '=', 'SFQ-T1').executeTakeFirstOrThrow()).id;
    await timed('ledger page 1, no filter', 'center', '/api/v1/clues');
    await timed('filtered: handler 东城街道 + status registered', 'center', `/api/v1/clues?handlerOrgId=${town1}&status=registered`);
    await timed('filtered: channel + level + period', 'center', '/api/v1/clues?channel=petition&level=2&from=2025-01-01&to=2025-06-30');
    await timed('ledger page 1 (own scope)', 'town1', '/api/v1/clues');
    await timed('full-text 红包', 'center', `/api/v1/clues?q=${encodeURIComponent('红包')}`);
    await timed('full-text 违规收费', 'center', `/api/v1/clues?q=${encodeURIComponent('违规收费')}`);
    await timed('full-text 某社区主任', 'center', `/api/v1/clues?q=${encodeURIComponent('某社区主任')}`);
    await timed('full-text 红包 (own scope)', 'town1', `/api/v1/clues?q=${encodeURIComponent('红包')}`);

    // Batch intake as a workstation: 10 requests of 1,000 clues.
    const batch = Array.from({ length: 1000 }, (_, i) => ({ channel: 'petition', problemType: 'gifts', content: `批量报送测试第${i}件：${SUBJECTS[i % 20]}${DEEDS[i % 20]}`, subjectText: SUBJECTS[i % 20] }));
    const bStart = performance.now();
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/clues/batch', headers: { authorization: `Bearer ${auth.station1}` }, payload: { items: batch } });
      if (res.statusCode !== 201) throw new Error(`batch: ${res.statusCode} ${res.body}`);
    }
    const batchRate = 10_000 / ((performance.now() - bStart) / 1000);
    log(`batch intake ${batchRate.toFixed(0)} clues/s`);

    // Public submissions with the challenge on (16 bits): solve first (the browser's work), then submit 4 at a time.
    const SUB = 40;
    const challenges = [];
    const sStart = performance.now();
    for (let i = 0; i < SUB; i++) {
      const ch = (await app.inject({ method: 'POST', url: '/api/portal/reports/challenges' })).json();
      challenges.push({ challengeId: ch.id, nonce: solveChallenge(ch.id, ch.difficulty) });
    }
    const solveMs = (performance.now() - sStart) / SUB;
    const pStart = performance.now();
    for (let i = 0; i < SUB; i += 4) {
      await Promise.all(
        challenges.slice(i, i + 4).map(async (c) => {
          const res = await app.inject({ method: 'POST', url: '/api/portal/reports', payload: { ...c, reporter: { kind: 'anonymous' }, subjectText: '某所所长', problemType: 'gifts', content: '网上举报压力测试：收受红包' } });
          if (res.statusCode !== 201) throw new Error(`portal: ${res.statusCode} ${res.body}`);
        }),
      );
    }
    const portalRate = SUB / ((performance.now() - pStart) / 1000);
    await app.close();

    console.log(`\n### ${engine}: ${N.toLocaleString()} clues (bulk load ${loadSeconds.toFixed(0)} s), load average ${loadavg()}\n`);
    console.log('| query | account | matches | p50 ms | p95 ms |\n|---|---|---|---|---|');
    console.log(results.join('\n'));
    console.log(`\nbatch intake: ${batchRate.toFixed(0)} clues/s (10 × 1,000, workstation token)`);
    console.log(`public submissions: ${portalRate.toFixed(1)}/s with the challenge (${config.portalPowBits} bits; solving ≈ ${solveMs.toFixed(0)} ms per challenge in Node)`);
  } finally {
    await drop();
  }
}

await main();
