import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/types.js';
import { appliedMigrations, qualified, quoteIdent, readCatalog, SKIPPED_TABLES, type TableInfo } from './backup.catalog.js';
import {
  BackupError,
  encodeValue,
  FORMAT,
  FORMAT_VERSION,
  selectExpression,
  type BackupHeader,
  type FileEnd,
  type TableEnd,
  type TableHeader,
} from './backup.format.js';

export interface BackupOptions {
  /** Written into the header; the caller passes the clock's time. */
  now: Date;
  /** Rows fetched per query (keyset pagination on the primary key). */
  batchRows?: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: { name: string; rows: number }[];
  rows: number;
  skipped: string[];
}

/**
 * Writes every application table to `file` (gzip-compressed JSON Lines, see backup.format.ts).
 * All tables are read in one REPEATABLE READ, READ ONLY transaction, so the file is one
 * consistent snapshot even while the server keeps writing (on PostgreSQL; a PGlite data directory
 * must not be opened by a second process while the server runs: see db/data-dir-lock.ts). Rows are read in
 * batches by primary key and streamed to disk: memory use does not grow with the database. The
 * file appears under its name only when complete (written as `file.partial`, then renamed), and
 * is readable by its owner only: it holds password hashes and personal data.
 */
export async function backupDatabase(database: Database, file: string, options: BackupOptions): Promise<BackupSummary> {
  const batchRows = options.batchRows ?? 1000;
  const partial = `${file}.partial`;
  const counts: { name: string; rows: number }[] = [];

  await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      const migrations = await appliedMigrations(trx);
      const catalog = await readCatalog(trx);
      const tables = catalog.tables.filter((t) => !(t.name in SKIPPED_TABLES));
      const header: BackupHeader = {
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: options.now.toISOString(),
        engine: database.engine,
        migrations,
        tables: tables.map((t) => t.name),
        skipped: Object.fromEntries(catalog.tables.filter((t) => t.name in SKIPPED_TABLES).map((t) => [t.name, SKIPPED_TABLES[t.name]!])),
      };

      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        let total = 0;
        for (const table of tables) {
          const th = await tableHeader(trx, table);
          yield `${JSON.stringify(th)}\n`;
          let rows = 0;
          for await (const batch of tableRows(trx, table, new Set(th.wrapped), batchRows)) {
            rows += batch.length;
            yield batch.map((values) => `[${values.join(',')}]\n`).join('');
          }
          const end: TableEnd = { end: table.name, rows };
          yield `${JSON.stringify(end)}\n`;
          counts.push({ name: table.name, rows });
          total += rows;
        }
        const end: FileEnd = { end: true, tables: tables.length, rows: total };
        yield `${JSON.stringify(end)}\n`;
      }

      try {
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
      } catch (err) {
        await rm(partial, { force: true });
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOSPC') {
          throw new BackupError(`无法写入备份文件 ${file}（${code}）`);
        }
        throw err;
      }
    });

  await rename(partial, file);
  return {
    file,
    bytes: (await stat(file)).size,
    tables: counts,
    rows: counts.reduce((n, t) => n + t.rows, 0),
    skipped: Object.keys(SKIPPED_TABLES),
  };
}

async function tableHeader(trx: Executor, table: TableInfo): Promise<TableHeader> {
  const jsonb = table.columns.filter((c) => c.kind === 'jsonb');
  const wrapped: string[] = [];
  if (jsonb.length) {
    const probe = jsonb.map((c, i) => `bool_or(jsonb_typeof(${quoteIdent(c.name)}) = 'null') AS w${i}`).join(', ');
    const { rows } = await sql<Record<string, boolean | null>>`SELECT ${sql.raw(probe)} FROM ${sql.raw(qualified(table.name))}`.execute(trx);
    jsonb.forEach((c, i) => rows[0]?.[`w${i}`] && wrapped.push(c.name));
  }
  const sequences: Record<string, string | null> = {};
  for (const c of table.columns) {
    if (!c.sequence) continue;
    const row = await sql<{ v: string | null }>`SELECT pg_sequence_last_value(CAST(${c.sequence} AS text)::regclass)::text AS v`.execute(trx);
    sequences[c.name] = row.rows[0]?.v ?? null;
  }
  return { table: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type })), primaryKey: table.primaryKey, sequences, wrapped };
}

/**
 * The table's rows as arrays of JSON texts, `batchRows` at a time, in primary-key order
 * (keyset pagination: each query starts after the last key of the previous one). A table
 * without a primary key is paged by ctid, which is stable within the snapshot.
 */
async function* tableRows(trx: Executor, table: TableInfo, wrapped: Set<string>, batchRows: number): AsyncGenerator<string[][]> {
  const keys = table.primaryKey.length
    ? table.primaryKey.map((name) => ({ ref: quoteIdent(name), type: table.columns.find((c) => c.name === name)!.type }))
    : [{ ref: 'ctid', type: 'tid' }];
  const keyList = keys.map((k) => k.ref).join(', ');
  const select = [
    ...keys.map((k, i) => `${k.ref}::text AS k${i}`),
    ...table.columns.map((c, i) => `${selectExpression(c, quoteIdent(c.name), wrapped.has(c.name))} AS c${i}`),
  ].join(', ');
  let after: (string | null)[] | null = null;
  for (;;) {
    const where: ReturnType<typeof sql> =
      after === null
        ? sql``
        : sql`WHERE (${sql.raw(keyList)}) > (${sql.join(after.map((v, i) => sql`CAST(CAST(${v} AS text) AS ${sql.raw(keys[i]!.type)})`))})`;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${sql.raw(select)} FROM ${sql.raw(qualified(table.name))} ${where}
      ORDER BY ${sql.raw(keyList)} LIMIT ${batchRows}`.execute(trx);
    if (rows.length === 0) return;
    yield rows.map((r) => table.columns.map((c, i) => encodeValue(c.kind, r[`c${i}`])));
    const last = rows[rows.length - 1]!;
    after = keys.map((_, i) => last[`k${i}`] as string | null);
    if (rows.length < batchRows) return;
  }
}
