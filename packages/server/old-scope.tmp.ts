import { hasPermission, scopesFor, type Actor, type Permission, type ResolvedScope } from '@qingfeng/core';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from './src/db/schema.js';
import { forbidden } from './src/http/errors.js';

// The one place where data scope becomes SQL. Every repository filters through these builders, so
// a row outside the actor's scope is simply "not found".

type AnyEB = ExpressionBuilder<any, any>;
const FALSE = sql<SqlBool>`false`;
const TRUE = sql<SqlBool>`true`;

/** Orgs whose path lies under any of the given prefixes. */
function orgIdsUnder(paths: string[]) {
  return sql`(SELECT o.id FROM orgs o WHERE ${sql.join(
    paths.map((p) => sql`o.path LIKE ${p + '%'}`),
    sql` OR `,
  )})`;
}

function orgColumnInScope(s: ResolvedScope, orgColumn: string): Expression<SqlBool> {
  const col = sql.ref(orgColumn);
  switch (s.kind) {
    case 'all':
      return TRUE;
    case 'subtrees':
      return s.paths.length ? sql<SqlBool>`${col} IN ${orgIdsUnder(s.paths)}` : FALSE;
    case 'orgs':
    case 'self':
      return s.orgIds.length ? sql<SqlBool>`${col} = ANY(${sql.val(s.orgIds)}::int[])` : FALSE;
  }
}

function anyOf(exprs: Expression<SqlBool>[]): Expression<SqlBool> {
  if (exprs.length === 0) return FALSE;
  if (exprs.length === 1) return exprs[0]!;
  return sql<SqlBool>`(${sql.join(exprs, sql` OR `)})`;
}

/** Records that belong to an org (orgs themselves, posts, audit entries…). */
export function orgScope(actor: Actor, permission: Permission, orgColumn: string) {
  const scopes = scopesFor(actor, permission);
  return (_eb: AnyEB) => anyOf(scopes.map((s) => orgColumnInScope(s, orgColumn)));
}

/** Records about a person: 'self' reaches only the actor's own person record. */
export function personScope(actor: Actor, permission: Permission, columns: { org: string; person: string }) {
  const scopes = scopesFor(actor, permission);
  return (_eb: AnyEB) =>
    anyOf(
      scopes.map((s) =>
        s.kind === 'self'
          ? s.personId == null
            ? FALSE
            : sql<SqlBool>`${sql.ref(columns.person)} = ${s.personId}`
          : orgColumnInScope(s, columns.org),
      ),
    );
}

/** Refuses outright when no role of the actor grants the permission at all. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw forbidden();
}

export type { DB };
