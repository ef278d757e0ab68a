import { requirePermission } from '../policy/scope.js';
import { warningDraftFromClue, type Actor, type ClueChannel, type ProblemType, type WarningLevel } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import { clueViewer, findClue } from './clues.repository.js';

/**
 * The warning a clue's approved disposal (发出预警) calls for, as a draft for the issuer: the clue must
 * be readable by them, its disposal approved as a warning, and no warning issued from it yet.
 */
export async function warningDraftFor(db: Executor, actor: Actor, clueId: number) {
  requirePermission(actor, 'warnings.issue');
  const clue = await findClue(db, await clueViewer(db, actor), clueId);
  if (!clue) throw notFound();
  const disposal = await db
    .selectFrom('clue_disposals')
    .select(['level', 'note'])
    .where('clue_id', '=', clueId)
    .where('decision', '=', 'approved')
    .where('mode', '=', 'warning')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (clue.status !== 'disposing' || !disposal) throw new AppError('clues.bad_state', '该线索没有待执行的“发出预警”处置决定');
  const issued = await db.selectFrom('warnings').select('serial_no').where('clue_id', '=', clueId).executeTakeFirst();
  if (issued) throw new AppError('clues.bad_state', `已按该线索发出预警 ${issued.serial_no}`);
  return warningDraftFromClue({
    id: clue.id,
    ledgerNo: clue.ledger_no,
    channel: clue.channel as ClueChannel,
    problemType: clue.problem_type as ProblemType,
    subjectPersonId: clue.subject_person_id,
    subjectOrgId: clue.subject_org_id,
    clueLevel: clue.level as WarningLevel | null,
    disposalLevel: disposal.level as WarningLevel | null,
    disposalNote: disposal.note,
  });
}
