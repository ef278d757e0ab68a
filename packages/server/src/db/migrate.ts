import { readdirSync, readFileSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../paths.js';
import type { Database } from './database.js';
import { isUniqueViolation } from './errors.js';

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/**
 * Applies pending SQL migrations in order, each in one transaction that first claims its name in
 * schema_migrations: a second server starting at the same moment blocks on that row and then
 * skips the file. Returns the names applied.
 */
export const migrationScript = (name: string) => readFileSync(MIGRATIONS_DIR + name, 'utf8');

/**
 * `upTo`: apply only these migrations (a prefix of the known list) — a restore stops at the
 * backup's level, so that newer migrations then transform the restored data as they would have.
 */
export async function migrate(database: Database, options: { upTo?: string[] } = {}): Promise<string[]> {
  try {
    await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  } catch (err) {
    // Two servers creating the table at the same moment: IF NOT EXISTS does not cover the race,
    // and the loser sees a duplicate type (42710, or 23505 on pg_type) or table (42P07). The table
    // exists either way.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P07' && code !== '42710') throw err;
  }
  const done = new Set(
    (await database.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of options.upTo ?? migrationFiles()) {
    if (done.has(file)) continue;
    try {
      await database.exec(`BEGIN;\nINSERT INTO schema_migrations (name) VALUES ('${file}');\n${migrationScript(file)}\nCOMMIT;`);
      applied.push(file);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return applied;
}
