// Crash durability: does `kill -9` during a burst of writes lose a write the server acknowledged?
//
//   npm run durability -- --engine pglite|postgres [--concurrency 8] [--kill-after 1500] [--rounds 1]
//
// Starts the real server (`node packages/server/bin/qingfeng.mjs serve`, demo district) on its own
// port and its own data (a temporary PGlite directory, or a new database on the PostgreSQL server
// named by TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), logs in as
// `center`, keeps `concurrency` POST /api/v1/posts in flight, SIGKILLs the server mid-burst,
// starts it again on the same data and checks that every post answered with 201 is there with
// the content that was sent. Exits non-zero if any acknowledged write was lost or altered.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { verifyAuditChain } from '../src/audit/audit.recorder.js';
import { openDatabase } from '../src/db/database.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';

export type Engine = 'pglite' | 'postgres';

export interface DurabilityOptions {
  engine: Engine;
  /** Writes kept in flight. */
  concurrency?: number;
  /** Time from the first write to the kill. */
  killAfterMs?: number;
  /** Kill-and-restart cycles on the same data; every acknowledged write is checked at the end. */
  rounds?: number;
  /** PostgreSQL connection used to create and drop the scratch database. */
  adminUrl?: string;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface DurabilityResult {
  engine: Engine;
  /** Writes answered 201 before the kill. */
  acknowledged: number;
  /** Of those, present after the restart with the content sent. */
  found: number;
  /** Acknowledged but missing after the restart. */
  lost: number;
  /** Acknowledged, present, but with other content. */
  altered: number;
  /** Requests sent but not answered when the server died (either outcome is correct for them). */
  inFlightAtKill: number;
  /** Posts of this run present after the restart although never acknowledged (commits whose answer the kill cut off). */
  committedUnacknowledged: number;
  /** Acknowledged writes per second during the burst. */
  writesPerSecond: number;
  /** The audit log's hash chain verifies on the data after the crashes. */
  auditChainOk: boolean;
  /** The longest time from restart to a healthy server (includes crash recovery). */
  restartMs: number;
}

const BIN = fileURLToPath(new URL('../bin/qingfeng.mjs', import.meta.url));
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PORTS = { from: 3400, to: 3499 };

export async function runDurability(options: DurabilityOptions): Promise<DurabilityResult> {
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 8;
  const killAfterMs = options.killAfterMs ?? 1500;
  const rounds = options.rounds ?? 1;
  const runId = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'qf-durability-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let scratch: { url: string; drop: () => Promise<void> } | null = null;
  let server: Server | null = null;

  try {
    if (options.engine === 'postgres') scratch = await scratchDatabase(options.adminUrl ?? process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      QF_DEMO: '1',
      LOG_LEVEL: 'warn',
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: scratch?.url ?? '',
    };

    log(`[${options.engine}] 启动服务（端口 ${port}，${scratch ? '临时 PostgreSQL 数据库' : `PGlite ${env.DATA_DIR}`}）…`);
    server = await startServer(env, base);
    let token = await login(base);
    const orgId = await writableOrg(base, token);

    const acked: { id: number; name: string; duties: string }[] = [];
    let seq = 0;
    let inFlightAtKill = 0;
    let burstMs = 0;
    let restartMs = 0;
    for (let round = 1; round <= rounds; round++) {
      // The burst: `concurrency` workers, each posting again as soon as it has an answer.
      let inFlight = 0;
      let killed = false;
      let refused = 0;
      const before = acked.length;
      const worker = async () => {
        while (!killed) {
          const n = ++seq;
          const body = { orgId, name: `耐久-${runId}-${n}`, duties: `写入 ${n}：${'清风'.repeat(n % 7)}` };
          inFlight++;
          try {
            const res = await fetch(`${base}/api/v1/posts`, { method: 'POST', headers: json(token), body: JSON.stringify(body) });
            const answer = (await res.json()) as { id?: number };
            if (res.status === 201 && typeof answer.id === 'number') acked.push({ id: answer.id, name: body.name, duties: body.duties });
            else if (!killed) refused++;
          } catch {
            // The connection died with the server: this write was not acknowledged.
          } finally {
            inFlight--;
          }
        }
      };
      const started = Date.now();
      const workers = Array.from({ length: concurrency }, worker);
      await until(() => acked.length > before && Date.now() - started >= killAfterMs, 30_000, 'no write was acknowledged');
      const flying = inFlight;
      inFlightAtKill += flying;
      burstMs += Date.now() - started;
      killed = true;
      await server.kill9();
      await Promise.all(workers);
      if (refused) throw new Error(`${refused} writes were refused before the kill (not a durability question: the burst itself failed)`);
      log(`[${options.engine}] 第 ${round} 轮：${Date.now() - started} ms 内确认 ${acked.length - before} 次写入，SIGKILL 时 ${flying} 个请求在途`);

      const restartAt = Date.now();
      server = await startServer(env, base);
      restartMs = Math.max(restartMs, Date.now() - restartAt);
      token = await login(base);
    }
    const acknowledged = acked.length;

    let found = 0;
    let lost = 0;
    let altered = 0;
    const queue = [...acked];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let w = queue.shift(); w; w = queue.shift()) {
          const res = await fetch(`${base}/api/v1/posts/${w.id}`, { headers: json(token) });
          if (res.status === 404) {
            lost++;
            continue;
          }
          const post = (await res.json()) as { name?: string; duties?: string | null };
          if (res.status !== 200) throw new Error(`GET /api/v1/posts/${w.id}: ${res.status} ${JSON.stringify(post)}`);
          if (post.name === w.name && post.duties === w.duties) found++;
          else altered++;
        }
      }),
    );
    const list = await fetch(`${base}/api/v1/posts?orgId=${orgId}&q=${encodeURIComponent(`耐久-${runId}-`)}&pageSize=1`, { headers: json(token) });
    const total = ((await list.json()) as { total: number }).total;

    await server.stop();
    server = null;
    // The hash chain of the audit log, recomputed on the data the crashes left behind.
    const database = await openDatabase(scratch ? { databaseUrl: scratch.url, poolSize: 1 } : { dataDir: env.DATA_DIR! });
    const chain = await verifyAuditChain(database.db).finally(() => database.close());
    return {
      engine: options.engine,
      acknowledged,
      found,
      lost,
      altered,
      inFlightAtKill,
      committedUnacknowledged: total - found - altered,
      writesPerSecond: Math.round((acknowledged / burstMs) * 1000),
      restartMs,
      auditChainOk: chain.ok,
    };
  } finally {
    await server?.kill9().catch(() => undefined);
    await scratch?.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summary(r: DurabilityResult): string {
  const verdict =
    (r.lost === 0 && r.altered === 0 ? '未丢失任何已确认的写入' : `丢失 ${r.lost} 次、改变 ${r.altered} 次已确认的写入`) +
    (r.auditChainOk ? '，审计链完整' : '，审计链断裂');
  return (
    `[${r.engine}] 已确认 ${r.acknowledged}，重启后找到 ${r.found}，丢失 ${r.lost}，内容不符 ${r.altered}` +
    `（SIGKILL 时在途 ${r.inFlightAtKill}，其中已提交 ${r.committedUnacknowledged}；写入速率 ${r.writesPerSecond}/秒；重启用时 ${r.restartMs} ms）：${verdict}`
  );
}

// ---------------------------------------------------------------------------------------------

interface Server {
  /** SIGKILL to the server process (the node process holding the database) and its group. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful: the server closes the database), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<Server> {
  // bin/qingfeng.mjs runs the server in-process (tsx's register()), so this pid is the server.
  // detached: its own process group, so that the kill also reaches anything it spawned
  // (esbuild's service process).
  const child = spawn(process.execPath, [BIN, 'serve'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const signal = async (sig: NodeJS.Signals) => {
    if (!alive()) return;
    try {
      process.kill(child.pid!, sig);
      if (sig === 'SIGKILL') process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
    await exited;
  };
  const server: Server = {
    kill9: () => signal('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => void signal('SIGKILL'), 15_000);
      await signal('SIGTERM');
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL'); // anything left in the group
      } catch {
        /* none */
      }
    },
  };

  try {
    await until(
      async () => {
        if (!alive()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output.join('')}`);
        const res = await fetch(`${base}/api/health`).catch(() => null);
        return res?.status === 200;
      },
      120_000,
      `server did not become healthy:\n${output.join('')}`,
    );
  } catch (err) {
    await server.kill9();
    throw err;
  }
  return server;
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'center', password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`login as center failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function writableOrg(base: string, token: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/orgs`, { headers: json(token) });
  const body = (await res.json()) as { items: { id: number; kind: string; retiredAt: string | null }[] };
  const org = body.items.find((o) => o.kind === 'unit' && !o.retiredAt);
  if (!org) throw new Error('no unit to create posts in');
  return org.id;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, message: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A free port in 3400–3499, starting at a random one (other runs may share the machine). */
async function freePort(): Promise<number> {
  const span = PORTS.to - PORTS.from + 1;
  const first = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORTS.from + ((first + i) % span);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS.from}-${PORTS.to}`);
}

async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qf_durability_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): DurabilityOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const engine = value('engine') ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine 应为 pglite 或 postgres');
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)));
  return { engine, concurrency: number('concurrency'), killAfterMs: number('kill-after'), rounds: number('rounds'), log: (l) => console.log(l) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runDurability(parseArgs(process.argv.slice(2)));
  console.log(summary(r));
  if (r.lost > 0 || r.altered > 0 || r.acknowledged === 0 || !r.auditChainOk) process.exitCode = 1;
}
