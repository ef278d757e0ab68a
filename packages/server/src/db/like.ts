/**
 * A LIKE / ILIKE pattern matching text that holds `q` as typed: its own %, _ and \ are letters, not
 * wildcards (PostgreSQL's default escape character is the backslash).
 */
export const containing = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;
