import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/**
 * The next number of a series in a year (台账编号、发文字号), inside the caller's transaction. The
 * upsert locks the counter row until that transaction ends: concurrent registrations queue, none
 * gets a duplicate, and a rolled-back registration hands its number back, so there are no gaps.
 */
export async function nextNumber(trx: Executor, series: string, year: number): Promise<number> {
  const row = await sql<{ last_value: number }>`
    INSERT INTO serial_counters (series, year, last_value) VALUES (${series}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_value = serial_counters.last_value + 1
    RETURNING last_value`.execute(trx);
  return row.rows[0]!.last_value;
}

/**
 * `count` consecutive numbers at once (a batch registration, a sweep numbering its notices), locked
 * the same way; returns the first. A batch that rolls back hands the whole range back.
 */
export async function nextNumbers(trx: Executor, series: string, year: number, count: number): Promise<number> {
  const row = await sql<{ last_value: number }>`
    INSERT INTO serial_counters (series, year, last_value) VALUES (${series}, ${year}, ${count})
    ON CONFLICT (series, year) DO UPDATE SET last_value = serial_counters.last_value + ${count}
    RETURNING last_value`.execute(trx);
  return row.rows[0]!.last_value - count + 1;
}
