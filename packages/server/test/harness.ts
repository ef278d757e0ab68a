import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
import { inject } from 'vitest';

export const ENGINE = (process.env.QF_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/** Where every test app's clock starts, and when the demo district of the template was seeded. */
export const TEST_NOW = '2026-11-23T09:00:00+08:00';

/** A movable clock: tests fix "now" and advance it. */
export class TestClock implements Clock {
  constructor(public current = new Date(TEST_NOW)) {}
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
export async function blankDatabase(poolSize = 5, engine = ENGINE): Promise<{ database: Database; drop: () => Promise<void> }> {
  return newDatabase(engine, poolSize);
}

/** A new database: blank, or a copy of a template (a PGlite dump, a PostgreSQL database's name). */
async function newDatabase(engine: 'pglite' | 'postgres', poolSize: number, template?: { dump: Blob } | { name: string }) {
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: null, ...(template && 'dump' in template ? { pgliteDump: template.dump } : {}) });
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('QF_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `qf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template && 'name' in template ? ` TEMPLATE ${template.name}` : ''}`);
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

/**
 * The seeded demo district every test app starts from, made once per run by global-setup.ts: a
 * PGlite dump or a PostgreSQL database to copy, and the reporter key its named reporters were sealed
 * with (made for the run: never the key file of a data directory).
 */
export interface DemoTemplate {
  engine: 'pglite' | 'postgres';
  /** The PGlite dump's file, or the PostgreSQL template database's name. */
  source: string;
  reporterKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: DemoTemplate;
  }
}

/** Migrates a blank database and seeds the demo district as a test app's clock starts. */
export async function seedTemplate(database: Database, reporterKey: string) {
  await migrate(database);
  await seedDemo(database, new Date(TEST_NOW), { ...loadConfig({}), reporterKey });
}

/**
 * A test app on its own database: a copy of the run's seeded demo district (copying takes a fraction
 * of migrating and seeding: PGlite 0.6 s against 5.5–7 s, on this two-core machine), or, with
 * `demo: false`, a migrated empty one.
 */
export async function createTestApp(options: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const template = options.demo ?? true ? inject('demoTemplate') : undefined;
  const { database, drop } = template
    ? await newDatabase(ENGINE, 5, template.engine === 'pglite' ? { dump: new Blob([readFileSync(template.source)]) } : { name: template.source })
    : await freshDatabase();
  const clock = new TestClock();
  const config: Config = {
    ...loadConfig({}),
    logLevel: 'info',
    // A reporter key per run (the template's) or per app: never the key file of a data directory.
    reporterKey: template?.reporterKey ?? randomBytes(32).toString('base64'),
    ...options.config,
  };
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
