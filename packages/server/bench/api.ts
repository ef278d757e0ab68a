// `npm run bench:api -- --engine pglite|postgres`: load-tests the API at 50 concurrent clients on a
// prefecture-sized database (`qingfeng seed-scale`: 2,000 orgs, 100,000 people), against a server it
// starts itself, and prints a Markdown table. Traffic goes to 127.0.0.1 only; every run is bounded.
//
// Options:
//   --engine pglite|postgres   which database (default pglite)
//   --duration <s>             measured seconds per scenario (default 10), after --warmup <s> (default 2)
//   --connections <n>          concurrent clients (default 50)
//   --port <n>                 server port, 3500-3599 (default 3517)
//   --reuse                    keep an already seeded benchmark database instead of rebuilding it
//   --only <text>              run only the scenarios whose name contains the text
//   --json <file>              also write the figures as JSON
//   --suite api|risk           api (default): people and org tree; risk (`npm run bench:risk`): the risk
//                              register on 200,000 points (`seed-risk-scale` on top of `seed-scale`), its heat
//                              maps and counts, and a timed export of ≈ 20,000 points
// The server runs with bin/node-flags.mjs's flags, as `npm start` runs it; BENCH_NODE_FLAGS (space-separated,
// empty for none) replaces them, to compare.
// The PostgreSQL database is `qf_bench` (`qf_bench_risk` for the risk suite) on BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/postgres); the PGlite data directory is $TMPDIR/qingfeng-bench-pglite
// (…-risk-pglite).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildBundle, freshBundle } from '../bin/bundle.mjs';
import { SERVER_NODE_FLAGS } from '../bin/node-flags.mjs';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/server/bin/qingfeng.mjs');
const PASSWORD = 'Demo@12345';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string' },
    suite: { type: 'string', default: 'api' },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const engine = args.engine as 'pglite' | 'postgres';
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const suite = args.suite as 'api' | 'risk';
if (suite !== 'api' && suite !== 'risk') throw new Error('--suite api|risk');
const port = Number(args.port ?? (suite === 'risk' ? '3527' : '3517'));
const DB_NAME = suite === 'risk' ? 'qf_bench_risk' : 'qf_bench';
if (!(port >= 3500 && port <= 3599)) throw new Error('--port must be within 3500-3599');
const base = `http://127.0.0.1:${port}`;

const log = (msg: string) => console.error(`[bench] ${msg}`);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- database

async function prepareDatabase(): Promise<Record<string, string>> {
  if (engine === 'pglite') {
    const dataDir = join(tmpdir(), suite === 'risk' ? 'qingfeng-bench-risk-pglite' : 'qingfeng-bench-pglite');
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    if (args.reuse && existsSync(dataDir)) return env;
    rmSync(dataDir, { recursive: true, force: true });
    seed(env);
    return env;
  }
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(admin);
  url.pathname = `/${DB_NAME}`;
  const env = { DATABASE_URL: url.toString() };
  pgUrl = url.toString();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const exists = (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount;
  if (!(args.reuse && exists)) {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  }
  await c.end();
  if (!(args.reuse && exists)) seed(env);
  return env;
}

function seed(env: Record<string, string>) {
  log(`seeding demo district + scale data (${engine})…`);
  const r = spawnSync(process.execPath, [CLI, 'seed-scale'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('seed-scale failed');
  if (suite === 'risk') {
    log('seeding 200,000 risk points…');
    const rr = spawnSync(process.execPath, [CLI, 'seed-risk-scale'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
    if (rr.status !== 0) throw new Error('seed-risk-scale failed');
  }
}

// ---------------------------------------------------------------- server

interface Memory {
  rssKb: number;
  hwmKb: number;
}

function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** CPU time (user + system) of a process so far, in ms; 0 when it has gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time of the whole machine so far (all cores, not idle), in ms. */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / CLOCK_TICKS;
}

/** The PostgreSQL backends serving the benchmark database (the server's pool). */
async function backendPids(): Promise<number[]> {
  if (engine !== 'postgres' || !pgUrl) return [];
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  const r = await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DB_NAME]);
  await c.end();
  return r.rows.map((x) => x.pid);
}
let pgUrl: string | undefined;

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? SERVER_NODE_FLAGS), CLI, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QF_DEMO: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGTERM');
  throw new Error('server did not become healthy within 120 s');
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

// ---------------------------------------------------------------- scenarios

interface Scenario {
  name: string;
  role: string;
  path: string;
}

interface Figures {
  scenario: string;
  role: string;
  path: string;
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  responseKb: number;
  total: number | null;
  items: number;
  otherCores: number;
  serverCpuMs: number;
  dbCpuMs: number | null;
  clientCpuMs: number;
  rssMaxMb: number;
  rssAfterMb: number;
  hwmMb: number;
  loadBefore: string;
  loadAfter: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function measure(s: Scenario, token: string, pid: number): Promise<Figures> {
  const headers = { authorization: `Bearer ${token}` };
  // One plain request first: the answer must be right before its speed means anything.
  const probe = await fetch(base + s.path, { headers });
  const body = await probe.text();
  if (!probe.ok) throw new Error(`${s.name}: ${probe.status} ${body.slice(0, 300)}`);
  const json = JSON.parse(body) as { items?: unknown[]; cells?: unknown[]; rows?: unknown[]; total?: number };

  const loadBefore = loadavg();
  if (warmup > 0) await autocannon({ url: base + s.path, connections, duration: warmup, headers });
  const cpu0 = { server: cpuMs(pid), client: process.cpuUsage(), machine: machineBusyMs() };
  const pids = await backendPids();
  const db0 = new Map(pids.map((p) => [p, cpuMs(p)]));
  const times: number[] = [];
  let rssMaxKb = 0;
  const sampler = setInterval(() => (rssMaxKb = Math.max(rssMaxKb, memoryOf(pid).rssKb)), 200);
  const instance = autocannon({ url: base + s.path, connections, duration, headers, timeout: 30 });
  instance.on('response', (_c, _status, _bytes, ms) => void times.push(ms));
  const r = await instance;
  clearInterval(sampler);
  const loadAfter = loadavg();
  const serverCpu = cpuMs(pid) - cpu0.server;
  const clientCpu = process.cpuUsage(cpu0.client);
  // Backends that started during the run count from zero; one that ended takes its share with it.
  const dbCpu = engine === 'postgres' ? (await backendPids()).reduce((sum, p) => sum + Math.max(0, cpuMs(p) - (db0.get(p) ?? 0)), 0) : null;
  // What the rest of the machine (other people's builds and tests) used meanwhile, in cores.
  const ours = serverCpu + (dbCpu ?? 0) + (clientCpu.user + clientCpu.system) / 1000;
  const otherCores = Math.max(0, machineBusyMs() - cpu0.machine - ours) / (r.duration * 1000);
  await sleep(1000);
  const after = memoryOf(pid);
  times.sort((a, b) => a - b);
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    scenario: s.name,
    role: s.role,
    path: s.path,
    requestsPerSec: round(times.length / r.duration, 0),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    requests: times.length,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    responseKb: round(Buffer.byteLength(body) / 1024),
    otherCores: round(otherCores, 2),
    serverCpuMs: round(serverCpu / times.length, 2),
    dbCpuMs: dbCpu === null ? null : round(dbCpu / times.length, 2),
    clientCpuMs: round((clientCpu.user + clientCpu.system) / 1000 / times.length, 2),
    total: json.items ? (json.total ?? null) : null,
    items: (json.items ?? json.cells ?? json.rows ?? []).length,
    rssMaxMb: round(rssMaxKb / 1024, 0),
    rssAfterMb: round(after.rssKb / 1024, 0),
    hwmMb: round(after.hwmKb / 1024, 0),
    loadBefore,
    loadAfter,
  };
}

function table(rows: Figures[]): string {
  const head = [
    'scenario',
    'role',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors / non-2xx',
    'response',
    'CPU ms/req server · db · load generator',
    'server RSS max / after MB',
    'other load (cores)',
    'load avg before → after',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const f of rows) {
    const what = f.total === null ? `${f.items} items` : `${f.items} of ${f.total}`;
    lines.push(
      `| ${f.scenario} | ${f.role} | ${f.requestsPerSec} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} / ${f.non2xx} | ${f.responseKb} KB (${what}) | ` +
        `${f.serverCpuMs} · ${f.dbCpuMs ?? '–'} · ${f.clientCpuMs} | ${f.rssMaxMb} / ${f.rssAfterMb} | ${f.otherCores} | ${f.loadBefore.split(' ')[0]} → ${f.loadAfter.split(' ')[0]} |`,
    );
  }
  return lines.join('\n');
}

/**
 * One download of 风险识别防控一览表 with a filter chosen to hold about 20,000 points: its time to the
 * last byte and the server's RSS growth (sampled every 100 ms) over the RSS before it.
 */
async function measureExport(token: string, pid: number): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  const candidates = ['category=business_process', 'category=post_duties&status=published', 'level=2', 'objectLevel=post&category=institutional', 'status=published&level=3'];
  const totals = await Promise.all(
    candidates.map(async (f) => ({ f, total: ((await (await fetch(`${base}/api/v1/risk-points?${f}&pageSize=1`, { headers })).json()) as { total: number }).total })),
  );
  const pick = totals.sort((a, b) => Math.abs(a.total - 20_000) - Math.abs(b.total - 20_000))[0]!;
  await sleep(1000);
  const before = memoryOf(pid).rssKb;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rssKb)), 100);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/risk-points/export?${pick.f}`, { headers });
  const bytes = Buffer.byteLength(Buffer.from(await res.arrayBuffer()));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (!res.ok) throw new Error(`export: ${res.status}`);
  const line = `Export of ${pick.total} points (\`GET /api/v1/risk-points/export?${pick.f}\`, center): ${seconds.toFixed(2)} s, ${(bytes / 1024 / 1024).toFixed(1)} MB; server RSS ${Math.round(before / 1024)} MB before, peak ${Math.round(peak / 1024)} MB (growth ${Math.round((peak - before) / 1024)} MB).`;
  log(line);
  return `${line}\n\n`;
}

async function main() {
  // The server as `npm start` runs it: the bundle (bin/bundle.mjs), made now if the sources are newer.
  if (!freshBundle()) await buildBundle();
  const env = await prepareDatabase();
  const server = await startServer(env);
  const pid = server.pid!;
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.once('SIGINT', () => (stop(), process.exit(130)));
  try {
    const tokens = { center: await login('center'), town1: await login('town1') };
    const orgs = ((await (await fetch(`${base}/api/v1/orgs`, { headers: { authorization: `Bearer ${tokens.center}` } })).json()) as {
      items: { id: number; code: string | null }[];
    }).items;
    const idOf = (code: string) => {
      const o = orgs.find((x) => x.code === code);
      if (!o) throw new Error(`no org ${code}: is the database seeded with seed-scale?`);
      return o.id;
    };
    const town1 = idOf('SFQ-T1');
    const township = idOf('SCALE-T01');
    const q = encodeURIComponent('王');
    const scaleTown = idOf('SCALE-T01');
    const riskScenarios: Scenario[] = [
      { name: 'register · whole district, page 3', role: 'center', path: `/api/v1/risk-points?page=3&pageSize=20` },
      { name: 'register · level 1, category, page 2', role: 'center', path: `/api/v1/risk-points?level=1&category=business_process&page=2&pageSize=20` },
      { name: 'register · a township subtree, page 3', role: 'center', path: `/api/v1/risk-points?orgId=${scaleTown}&subtree=true&page=3&pageSize=20` },
      { name: 'register · own subtree, page 3', role: 'town1', path: `/api/v1/risk-points?page=3&pageSize=20` },
      { name: 'register · published, post level, page 2', role: 'town1', path: `/api/v1/risk-points?status=published&objectLevel=post&page=2&pageSize=20` },
      { name: 'heat map · likelihood × impact', role: 'center', path: `/api/v1/risk-points/heatmap` },
      { name: 'heat map · likelihood × impact', role: 'town1', path: `/api/v1/risk-points/heatmap` },
      { name: 'heat map · org × category', role: 'center', path: `/api/v1/risk-points/stats?groupBy=category` },
      { name: 'heat map · org × category', role: 'town1', path: `/api/v1/risk-points/stats?groupBy=category` },
      { name: 'counts by object level', role: 'town1', path: `/api/v1/risk-points/stats?groupBy=objectLevel` },
    ];
    const apiScenarios: Scenario[] = [
      { name: 'people · township subtree, page 3', role: 'center', path: `/api/v1/people?orgId=${township}&subtree=true&page=3&pageSize=20` },
      { name: 'people · whole district, page 3', role: 'center', path: `/api/v1/people?page=3&pageSize=20` },
      { name: 'people · name search 王', role: 'center', path: `/api/v1/people?q=${q}&page=1&pageSize=20` },
      { name: 'people · township subtree, page 3', role: 'town1', path: `/api/v1/people?orgId=${town1}&subtree=true&page=3&pageSize=20` },
      { name: 'people · name search 王', role: 'town1', path: `/api/v1/people?q=${q}&page=1&pageSize=20` },
      { name: 'org tree, whole', role: 'center', path: `/api/v1/orgs` },
      { name: 'org tree, whole', role: 'town1', path: `/api/v1/orgs` },
      { name: 'org tree, one level', role: 'center', path: `/api/v1/orgs?parentId=${idOf('SFQ-JW')}` },
      { name: 'org tree, one level', role: 'town1', path: `/api/v1/orgs?parentId=${town1}` },
    ];
    const scenarios = (suite === 'risk' ? riskScenarios : apiScenarios).filter((s) => !args.only || `${s.name} ${s.role}`.includes(args.only));

    const startMem = memoryOf(pid);
    log(`server pid ${pid} up; RSS ${Math.round(startMem.rssKb / 1024)} MB; load ${loadavg()}`);
    const results: Figures[] = [];
    for (const s of scenarios) {
      log(`${s.role}: ${s.name} …`);
      const f = await measure(s, tokens[s.role as keyof typeof tokens], pid);
      log(`  ${f.requestsPerSec} req/s, p95 ${f.p95} ms, errors ${f.errors}, non-2xx ${f.non2xx}, CPU ms/req ${f.serverCpuMs}/${f.dbCpuMs ?? '-'}/${f.clientCpuMs}, others ${f.otherCores} cores, RSS max ${f.rssMaxMb} MB, load ${f.loadBefore} → ${f.loadAfter}`);
      results.push(f);
    }
    const exportLine = suite === 'risk' && !args.only ? await measureExport(tokens.center, pid) : '';
    const end = memoryOf(pid);
    const heading =
      `### ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${connections} connections, ${duration} s per scenario after ${warmup} s warm-up, Node ${process.version}`;
    const paths = [...new Map(results.map((f) => [`${f.scenario} (${f.role})`, f.path])).entries()].map(([k, p]) => `- ${k}: \`GET ${p}\``).join('\n');
    console.log(`${heading}\n\n${table(results)}\n\n${paths}\n\n${exportLine}Server RSS at start ${Math.round(startMem.rssKb / 1024)} MB, at end ${Math.round(end.rssKb / 1024)} MB, peak (VmHWM) ${Math.round(end.hwmKb / 1024)} MB.\n`);
    if (args.json) writeFileSync(args.json, JSON.stringify({ engine, connections, duration, warmup, startMem, endMem: end, results }, null, 2));
    if (results.some((f) => f.errors || f.non2xx)) process.exitCode = 1;
  } finally {
    stop();
  }
}

await main();
