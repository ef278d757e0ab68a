import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import { loadConfig, type Config } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PASSWORD } from '../src/demo/demo-district.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import type { App } from '../src/http/types.js';

export const ENGINE = (process.env.QF_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/** A movable clock: tests fix "now" and advance it. */
export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-23T09:00:00+08:00')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A new, empty (unmigrated) database: in-memory PGlite, or a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL (dropped again by `drop`).
 */
export async function blankDatabase(poolSize = 5): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (ENGINE === 'pglite') {
    const database = await openDatabase({ dataDir: null });
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('QF_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `qf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize });
  return {
    database,
    drop: async () => {
      // close() waits for the pool's connections to end, so DROP … WITH (FORCE) has no one to kill.
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database for one test file. */
export async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const blank = await blankDatabase();
  await migrate(blank.database);
  return blank;
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: TestClock;
  /** Every log line the server wrote, for tests that prove what is never logged. */
  logs: string[];
  close: () => Promise<void>;
}

export async function createTestApp(options: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const { database, drop } = await freshDatabase();
  const clock = new TestClock();
  // A reporter key per test app: never the key file of a data directory.
  const config: Config = { ...loadConfig({}), logLevel: 'info', reporterKey: randomBytes(32).toString('base64'), ...options.config };
  if (options.demo ?? true) await seedDemo(database, clock.now(), config);
  const ctx: AppContext = { database, config, clock };
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp(ctx, { logStream, serveWeb: false });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    logs,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export interface Client {
  token: string;
  get: (url: string) => Promise<Reply>;
  post: (url: string, body?: unknown) => Promise<Reply>;
  patch: (url: string, body?: unknown) => Promise<Reply>;
  put: (url: string, body?: unknown) => Promise<Reply>;
  del: (url: string) => Promise<Reply>;
}

export interface Reply {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** Logs in through the API (bearer token) and returns a small client. */
export async function login(t: TestApp, username: string, password = DEMO_PASSWORD, totp?: string): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const token = res.json().token as string;
  return asClient(t, token);
}

export function asClient(t: TestApp, token: string): Client {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<Reply> => {
    const res = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
  return {
    token,
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    del: (url) => call('DELETE', url),
  };
}

/** Looks up an org id of the demo district by its code (e.g. 'SFQ-T1'). */
export async function orgIdByCode(t: TestApp, code: string): Promise<number> {
  const row = await t.ctx.database.db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}
