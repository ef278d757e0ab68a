import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PreparingClient } from './prepared.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs a multi-statement SQL script on one connection; rolls back an open transaction on error. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /**
   * PGlite: the whole database as a dump that `pgliteDump` opens again. The tests' seeded template
   * (a PostgreSQL server copies one with CREATE DATABASE … TEMPLATE instead).
   */
  dump?: () => Promise<Blob>;
}

// Same value shapes on both engines: dates stay 'YYYY-MM-DD' strings, int8 becomes a number.
const DATE_OID = 1082;
const INT8_OID = 20;

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise PGlite in dataDir (or in memory when dataDir is null). */
  databaseUrl?: string | undefined;
  dataDir?: string | null;
  /** An in-memory PGlite starts as a copy of this dump (`dumpDataDir()`): the tests' seeded template. */
  pgliteDump?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? null, options.pgliteDump);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return (v: string) => v;
      if (oid === INT8_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: types as pg.CustomTypesConfig, Client: PreparingClient });
  // Business time zone for date arithmetic done in SQL.
  pool.on('connect', (client) => void client.query("SET TIME ZONE 'Asia/Shanghai'"));
  // An idle connection ended by the server (restart, admin kill) must not crash the process: the
  // pool drops it and opens a new one on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL 空闲连接中断：${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    exec: async (sqlText) => {
      const client = await pool.connect();
      try {
        await client.query(sqlText);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ever used it (a failed first exec() never does).
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite(dataDir: string | null, dump?: Blob): Promise<Database> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  // Loaded only for the embedded engine: a PostgreSQL deployment does not carry it (~32 MB of RSS).
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  // Options go in one object: PGlite.create(undefined, options) silently drops the options.
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(dump ? { loadDataDir: dump } : {}),
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
  });
  await client.exec("SET TIME ZONE 'Asia/Shanghai'");
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    exec: async (sqlText) => {
      try {
        await client.exec(sqlText);
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    close: async () => {
      await db.destroy();
      unlock();
    },
    dump: () => client.dumpDataDir('none'),
  };
}
