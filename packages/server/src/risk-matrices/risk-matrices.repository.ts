import { hasPermission, type Actor, type RiskMatrix, type RiskMatrixDefinition } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

export interface MatrixRow {
  id: number;
  version: number;
  name: string;
  note: string | null;
  definition: RiskMatrixDefinition;
  status: 'draft' | 'active' | 'superseded';
  created_by: string;
  created_at: Date;
  activated_at: Date | null;
}

const COLUMNS = ['id', 'version', 'name', 'note', 'definition', 'status', 'created_by', 'created_at', 'activated_at'] as const;

/**
 * The active matrix. `lock: 'share'` when levelling a point: activating a new version updates this
 * row, so a point levelled under the old version commits before the re-levelling or waits for it.
 */
export async function activeMatrix(db: Executor, lock?: 'share' | 'update'): Promise<MatrixRow> {
  let q = db.selectFrom('risk_matrices').select(COLUMNS).where('status', '=', 'active');
  if (lock === 'share') q = q.forShare();
  if (lock === 'update') q = q.forUpdate();
  return (await q.executeTakeFirstOrThrow()) as MatrixRow;
}

export async function findMatrix(db: Executor, id: number): Promise<MatrixRow | undefined> {
  return (await db.selectFrom('risk_matrices').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as MatrixRow | undefined;
}

export async function listMatrices(db: Executor): Promise<MatrixRow[]> {
  return (await db.selectFrom('risk_matrices').select(COLUMNS).orderBy('version', 'desc').execute()) as MatrixRow[];
}

/** Definitions and versions of the given matrices (a point is shown with the matrix that levelled it). */
export async function matricesById(db: Executor, ids: number[]): Promise<Map<number, Pick<MatrixRow, 'id' | 'version' | 'definition'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('risk_matrices').select(['id', 'version', 'definition']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r as Pick<MatrixRow, 'id' | 'version' | 'definition'>]));
}

export async function nextMatrixVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('risk_matrices').select(sql<number>`coalesce(max(version), 0)::int + 1`.as('v')).executeTakeFirstOrThrow();
  return row.v;
}

export function presentMatrix(actor: Actor, row: MatrixRow): RiskMatrix {
  const admin = hasPermission(actor, 'risk.matrix');
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    note: row.note,
    definition: row.definition,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
    actions: admin && row.status === 'draft' ? ['preview', 'activate'] : [],
  };
}
