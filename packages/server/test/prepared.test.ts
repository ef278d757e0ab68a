import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { executePrepared, pageOffset, PreparingClient } from '../src/db/prepared.js';
import { blankDatabase, ENGINE } from './harness.js';

// Hot reads run as named prepared statements on a PostgreSQL server (db/prepared.ts).
describe(`prepared statements (${ENGINE})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  // One connection, so that pg_prepared_statements (per connection) shows what the pool prepared.
  beforeAll(async () => ({ database, drop } = await blankDatabase(1)));
  afterAll(() => drop());

  const numbers = (from: number) =>
    database.db.selectFrom(sql<{ n: number }>`generate_series(${from}::int, ${from + 2}::int)`.as('g')).select(sql<number>`g`.as('n'));

  it('returns what the unprepared query returns, for each set of parameters', async () => {
    for (const from of [1, 7, -3]) {
      expect(await executePrepared(database.db, numbers(from))).toEqual(await numbers(from).execute());
    }
    expect(await executePrepared(database.db, numbers(7))).toEqual([{ n: 7 }, { n: 8 }, { n: 9 }]);
  });

  it('writes the offset of the first ten pages into the text, and passes a deeper one as a parameter', () => {
    const paged = (page: number) => numbers(1).limit(sql.lit(20)).offset(pageOffset(page, 20)).compile();
    expect(paged(1).sql).toMatch(/limit 20 offset 0$/);
    expect(paged(10).sql).toMatch(/limit 20 offset 180$/);
    expect(paged(10).parameters).toEqual([1, 3]);
    expect(paged(11).sql).toMatch(/limit 20 offset \$3$/);
    expect(paged(11).parameters).toEqual([1, 3, 200]);
  });

  it.runIf(ENGINE === 'postgres')('prepares a marked statement once per connection, and nothing else', async () => {
    const prepared = () =>
      sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements WHERE NOT from_sql`.execute(database.db).then((r) => r.rows.map((x) => x.statement));
    const before = await prepared();
    const doubled = (x: number) => database.db.selectNoFrom(sql<number>`${x}::int * 2`.as('n'));
    await doubled(1).execute();
    expect(await prepared()).toEqual(before);
    expect(await executePrepared(database.db, doubled(1))).toEqual([{ n: 2 }]);
    expect(await executePrepared(database.db, doubled(5))).toEqual([{ n: 10 }]);
    const after = await prepared();
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((s) => !before.includes(s))[0]).toMatch(/^\/\* prepared \*\/ select/);
  });

  it.runIf(ENGINE === 'postgres')('stops naming new statements at 500 on a connection, and still answers', async () => {
    // Typed as the base class: the override only reroutes what pg's own overloads accept.
    const client: pg.Client = new PreparingClient({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      for (let k = 0; k < 501; k++) {
        const r = await client.query(`/* prepared */ SELECT $1::int + ${k} AS n`, [1]);
        expect(r.rows).toEqual([{ n: 1 + k }]);
      }
      const count = await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`);
      expect(count.rows).toEqual([{ n: 500 }]);
    } finally {
      await client.end();
    }
  });
});
