import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

// What backup and restore need to know about the application tables, read from pg_catalog (the
// same queries work on PGlite and on a PostgreSQL server). Nothing here names a table: a table
// added by a future migration is backed up and restored without a code change.

export const SCHEMA = 'public';

/** Kept in the backup header instead of as a table. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Tables left out of the backup, with the reason. Sessions are the credentials of live logins
 * (hashed bearer tokens and cookie sessions): restoring them would let a token issued to the old
 * server open the restored one, and they expire within days anyway. After a restore everyone
 * signs in again.
 */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  sessions: '登录会话属于在线登录凭据，不备份；恢复后用户重新登录',
};

/**
 * Triggers that write rows of one backed-up table from another's: a warning that calls for a talk
 * enters it in the talk register (0400, per statement since 0501). Those rows come from the backup
 * file itself, so the triggers are off while it loads (they made the talks' ids collide); the ones
 * an older backup's migrations created are named too. Triggers that keep the `derived` counts stay
 * on: they rebuild what the backup leaves out.
 */
export const COPYING_TRIGGERS: readonly string[] = ['warnings_talk_to_register', 'warnings_talk_to_register_insert'];

/**
 * How a column's values travel through JSON:
 * - plain: the driver's value as is (boolean, int2/int4, text-like)
 * - literal: PostgreSQL's text form as a JSON string (int8, numeric, floats, date, json, enums, …),
 *   exact where a JavaScript number or Date would not be
 * - timestamptz / timestamp: ISO 8601 with microseconds ("…T01:02:03.456789Z")
 * - jsonb: the JSON value itself, exactly as PostgreSQL prints it (inside [ ] in a column that
 *   also holds a JSON null, see TableHeader.wrapped)
 * - array: a JSON array, nested for multi-dimensional arrays (elements plain, date, uuid or
 *   timestamptz); arrays of other element types use literal
 * - bytea: base64
 */
export type ValueKind = 'plain' | 'literal' | 'timestamptz' | 'timestamp' | 'jsonb' | 'array' | 'bytea';

export interface ColumnInfo {
  name: string;
  /** format_type(), e.g. "timestamp with time zone", "text[]": the cast used on restore. */
  type: string;
  kind: ValueKind;
  /** Identity or serial sequence owned by the column. */
  sequence: string | null;
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
}

export interface TableInfo {
  name: string;
  /** Stored columns in attnum order (generated columns are recomputed, so left out). */
  columns: ColumnInfo[];
  primaryKey: string[];
  hasIdentity: boolean;
}

export interface Catalog {
  /** Parents before children (foreign keys), otherwise in creation order. */
  tables: TableInfo[];
  foreignKeys: ForeignKey[];
}

const PLAIN_TYPES = new Set(['bool', 'int2', 'int4', 'text', 'varchar', 'bpchar']);
const ARRAY_ELEMENT_TYPES = new Set([...PLAIN_TYPES, 'date', 'uuid', 'timestamptz']);

function kindOf(baseType: string, isArray: boolean, elementType: string | null): ValueKind {
  if (isArray) return elementType && ARRAY_ELEMENT_TYPES.has(elementType) ? 'array' : 'literal';
  if (PLAIN_TYPES.has(baseType)) return 'plain';
  if (baseType === 'timestamptz' || baseType === 'timestamp' || baseType === 'jsonb' || baseType === 'bytea') return baseType;
  return 'literal';
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (table: string) => `${quoteIdent(SCHEMA)}.${quoteIdent(table)}`;

export async function readCatalog(db: Executor): Promise<Catalog> {
  const tableRows = (
    await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ${MIGRATIONS_TABLE}
      ORDER BY c.oid`.execute(db)
  ).rows;

  const columnRows = (
    await sql<{ table: string; name: string; type: string; base: string; is_array: boolean; element: string | null; identity: boolean; sequence: string | null }>`
      SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
             b.typname AS base, b.typcategory = 'A' AS is_array, e.typname AS element,
             a.attidentity <> '' AS identity,
             pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
      LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
      WHERE n.nspname = ${SCHEMA} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.oid, a.attnum`.execute(db)
  ).rows;

  const keyRows = (
    await sql<{ table: string; column: string }>`
      SELECT c.relname AS table, a.attname AS column
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE con.contype = 'p' AND n.nspname = ${SCHEMA}
      ORDER BY c.relname, k.ord`.execute(db)
  ).rows;

  const foreignKeys = (
    await sql<ForeignKey>`
      SELECT con.conname AS name, c.relname AS table, p.relname AS references
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_class p ON p.oid = con.confrelid
      JOIN pg_namespace pn ON pn.oid = p.relnamespace
      WHERE con.contype = 'f' AND n.nspname = ${SCHEMA} AND pn.nspname = ${SCHEMA}
      ORDER BY c.relname, con.conname`.execute(db)
  ).rows;

  const tables = tableRows.map(({ name }): TableInfo => {
    const cols = columnRows.filter((c) => c.table === name);
    return {
      name,
      columns: cols.map((c) => ({ name: c.name, type: c.type, kind: kindOf(c.base, c.is_array, c.element), sequence: c.sequence })),
      primaryKey: keyRows.filter((k) => k.table === name).map((k) => k.column),
      hasIdentity: cols.some((c) => c.identity),
    };
  });
  return { tables: parentsFirst(tables, foreignKeys), foreignKeys };
}

/**
 * Orders tables so that every table comes after the tables it references (Kahn's algorithm,
 * ties in creation order). A self-reference (orgs.parent_id) is not an ordering constraint; rows
 * of such a table are loaded in one statement on restore. Tables in a reference cycle between
 * tables (none today) go last.
 */
export function parentsFirst<T extends { name: string }>(tables: T[], foreignKeys: ForeignKey[]): T[] {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (fk.table !== fk.references && names.has(fk.table) && names.has(fk.references)) pending.get(fk.table)!.add(fk.references);
  }
  const ordered: T[] = [];
  let rest = [...tables];
  for (;;) {
    const ready = rest.filter((t) => pending.get(t.name)!.size === 0);
    if (ready.length === 0) break;
    const next = ready[0]!;
    ordered.push(next);
    rest = rest.filter((t) => t !== next);
    for (const deps of pending.values()) deps.delete(next.name);
  }
  return [...ordered, ...rest];
}

/** Names of the applied migrations, in order; empty when the database has never been migrated. */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = (await sql<{ t: string | null }>`SELECT to_regclass(${`${SCHEMA}.${MIGRATIONS_TABLE}`})::text AS t`.execute(db)).rows[0]?.t;
  if (!exists) return [];
  return (await db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map((r) => r.name);
}
