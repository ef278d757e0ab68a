import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { quoteIdent, type ColumnInfo, type ValueKind } from './backup.catalog.js';

// The backup file: gzip-compressed JSON Lines, one JSON document per line.
//
//   {"format":"qingfeng-backup","version":1,"createdAt":…,"engine":…,"migrations":[…],"tables":[…],"skipped":{…}}
//   {"table":"orgs","columns":[{"name":"id","type":"integer"},…],"primaryKey":["id"],"sequences":{"id":"170"},"wrapped":[]}
//   [1,null,"1.",1,"示范区纪委监委",…,"2026-11-23T01:00:00.000000Z",…]   ← one row, values in column order
//   …
//   {"end":"orgs","rows":20}
//   … the next table …
//   {"end":true,"tables":9,"rows":1234}                     ← missing when the file was cut short
//
// How each type is written: see ValueKind in backup.catalog.ts. Tables come parents first, so the
// rows can be inserted in file order. Sequences hold the
// identity's last value at backup time, so an id handed out before the backup is never handed
// out again after the restore (audit entries name ids of deleted records).

export const FORMAT = 'qingfeng-backup';
export const FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  /** schema_migrations at backup time, in order. */
  migrations: string[];
  /** The tables that follow, in order. */
  tables: string[];
  /** Tables deliberately left out, with the reason. */
  skipped: Record<string, string>;
}

export interface TableHeader {
  table: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  /** Last value of the sequence behind each identity/serial column (as text; null if never used). */
  sequences: Record<string, string | null>;
  /**
   * jsonb columns of this table that hold a JSON null somewhere. In these columns every value
   * that is not SQL NULL is written inside a one-element array ([null], [{"a":1}]), so that the
   * JSON null stays apart from the row's null. Other jsonb columns hold the value itself.
   */
  wrapped: string[];
}

export interface TableEnd {
  end: string;
  rows: number;
}

export interface FileEnd {
  end: true;
  tables: number;
  rows: number;
}

/**
 * A backup or restore that cannot proceed, with a Chinese message for the operator: a damaged,
 * cut-short or incompatible file, a file that cannot be written, a data directory in use.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * The SELECT expression for one column, giving the JSON text written for it. Timestamps are
 * formatted in SQL to keep microseconds (a JavaScript Date keeps milliseconds); jsonb and arrays
 * come back as JSON text and are copied into the line unparsed, so jsonb numbers keep their exact
 * form (1.0, 12345678901234567890).
 */
export function selectExpression(column: ColumnInfo, ref: string, wrapped: boolean): string {
  switch (column.kind) {
    case 'plain':
      return ref;
    case 'timestamptz':
      return `CASE WHEN isfinite(${ref}) THEN to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE ${ref}::text END`;
    case 'timestamp':
      return `CASE WHEN isfinite(${ref}) THEN to_char(${ref}, 'YYYY-MM-DD"T"HH24:MI:SS.US') ELSE ${ref}::text END`;
    case 'jsonb':
      return wrapped ? `'[' || ${ref}::text || ']'` : `${ref}::text`;
    case 'array':
      return `to_jsonb(${ref})::text`;
    case 'bytea':
      return `translate(encode(${ref}, 'base64'), E'\\n', '')`;
    case 'literal':
      return `${ref}::text`;
  }
}

/** One value as JSON text. jsonb and array values arrive as JSON text already (see selectExpression). */
export function encodeValue(kind: ValueKind, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (kind === 'jsonb' || kind === 'array') return value as string;
  return JSON.stringify(value);
}

/**
 * The SQL for one column of a restored row, taken from `row`, a JSON array as written by the
 * backup (element `index`). Scalars go through the column type's own input function (the text
 * PostgreSQL wrote is the text it reads); jsonb is converted from the JSON text as written;
 * arrays through json_populate_record, which turns (nested) JSON arrays into SQL arrays.
 */
export function restoreExpression(table: string, column: ColumnInfo, row: string, index: number, wrapped: boolean): string {
  const el = `${row}->${index}`;
  switch (column.kind) {
    case 'jsonb':
      return `CASE WHEN json_typeof(${el}) = 'null' THEN NULL ELSE (${wrapped ? `${el}->0` : el})::jsonb END`;
    case 'array':
      return `(json_populate_record(NULL::${table}, json_build_object('${column.name.replace(/'/g, "''")}', ${el}))).${quoteIdent(column.name)}`;
    case 'bytea':
      return `decode(${row}->>${index}, 'base64')`;
    default:
      return `CAST(${row}->>${index} AS ${column.type})`;
  }
}

/** The lines of a backup file, gzip-compressed or not (a file someone unpacked to read it). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new BackupError(`备份文件不存在：${file}`) : err;
  });
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const source = createReadStream(file);
  let input: NodeJS.ReadableStream = source;
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    const gunzip = createGunzip();
    source.on('error', (err) => gunzip.destroy(err));
    input = source.pipe(gunzip);
  }
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    rest += decoder.write(chunk as Buffer);
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line) yield line;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

export function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`备份文件第 ${lineNo} 行不是有效的 JSON，文件可能已损坏`);
  }
}
