/**
 * A unique violation (SQLSTATE 23505), and when `constraint` is given, on a constraint or index whose
 * name contains it (PGlite names it in the message only).
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err.code === '23505' && (constraint === undefined || String(err.constraint ?? err.message ?? '').includes(constraint));
}
