import { createHash } from 'node:crypto';
import { sql, type Compilable, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Executor } from './types.js';

// The hottest reads (a list's page) run as named prepared statements on a PostgreSQL server: each
// pool connection parses and plans them once, and PostgreSQL switches to the cached generic plan
// after five executions when that plan is no dearer than a fresh one. Planning was more than half of
// the database's time for a people page (town1's page 3 on the scale data: planned 1.0 ms, run
// 0.8 ms; as a prepared statement 0.4 ms in all). A statement shaped for it has no parameter
// that changes its best plan (a LIMIT is written into the text, LIKE prefixes become ranges); see
// people.repository.ts. The mark is a leading SQL comment, so PGlite — one in-process connection,
// no protocol to save — runs the same text as it stands.
const MARK = '/* prepared */ ';

/**
 * A page's OFFSET for a prepared statement. PostgreSQL prices a generic plan as if an OFFSET it
 * cannot see skipped a tenth of the rows: over a whole district (98,683 people, 200,000 risk points)
 * that plan never wins, and each request was planned again (0.4–0.8 ms). The first ten pages, which
 * are most of what is read, are written into the text — ten statements per list shape and page size;
 * a deeper page stays a parameter and is planned each time.
 */
export function pageOffset(page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  return page <= 10 ? sql.lit(offset) : offset;
}

/** Runs a query (built, or written with sql``) marked for preparation; its rows, as `execute()` would return them. */
export async function executePrepared<O>(db: Executor, query: Compilable<O> | RawBuilder<O>): Promise<O[]> {
  const compiled = 'isRawBuilder' in query ? query.compile(db) : query.compile();
  return (await db.executeQuery<O>({ ...compiled, sql: MARK + compiled.sql })).rows;
}

// Distinct marked texts are few (a statement per shape of filter and per page size), but a
// connection must not collect statements without end: past this many it runs further texts unnamed.
const MAX_STATEMENTS_PER_CONNECTION = 500;

// A statement's name is a digest of its text, shared by every connection; the digest of a page's
// 3 KB text is computed once, not on every request.
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `qf_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= MAX_STATEMENTS_PER_CONNECTION) names.clear();
    names.set(text, name);
  }
  return name;
}

/** The pool's client: a marked text becomes a named statement, prepared once on this connection. */
export class PreparingClient extends pg.Client {
  #names = new Set<string>();

  // pg's query() has a dozen overloads; Kysely calls the (text, values) one, which is all this changes.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(MARK)) {
      const name = nameOf(text);
      if (this.#names.has(name) || this.#names.size < MAX_STATEMENTS_PER_CONNECTION) {
        this.#names.add(name);
        return super.query({ name, text, values: values as unknown[] }) as never;
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
