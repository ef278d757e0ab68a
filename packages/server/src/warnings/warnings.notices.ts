import { noticeDocument, type Actor, type NoticeKind, type WarningDemand, type WarningLevel } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { renderOfficialDocx, renderOfficialPdf } from '../documents/index.js';
import { notFound } from '../http/errors.js';
import { requirePermission } from '../policy/scope.js';
import { findWarningInScope } from './warnings.repository.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One notice of a warning the actor may read, rendered as Word or PDF; the download is audited. */
export async function renderNotice(ctx: AppContext, actor: Actor, warningId: number, noticeId: number, format: 'docx' | 'pdf') {
  requirePermission(actor, 'warnings.read');
  const { db } = ctx.database;
  const w = await findWarningInScope(db, actor, 'warnings.read', warningId);
  if (!w) throw notFound();
  const notice = await db.selectFrom('warning_notices').select(['kind', 'serial_no', 'issued_on']).where('id', '=', noticeId).where('warning_id', '=', warningId).executeTakeFirst();
  if (!notice) throw notFound();
  const doc = noticeDocument({
    kind: notice.kind as NoticeKind,
    serialNo: notice.serial_no,
    issuedOn: notice.issued_on,
    level: w.level as WarningLevel,
    subjectKind: w.subject_kind,
    subjectName: w.subject_person_name ?? w.subject_org_name,
    subjectOrgName: w.subject_org_name,
    issuerOrgName: w.issuer_org_name,
    facts: w.facts,
    disposalMeasures: w.disposal_measures,
    demands: w.demands as WarningDemand[],
    deadline: w.deadline,
    talk: w.level === 3 ? { scheduledOn: w.talk_scheduled_on, place: w.talk_place, talker: w.talk_by } : null,
  });
  const bytes = format === 'docx' ? await renderOfficialDocx(doc) : await renderOfficialPdf(doc);
  await ctx.database.db.transaction().execute((trx) =>
    recordAudit(trx, actor, { action: 'WARNING_NOTICE_DOWNLOADED', objectType: 'warning', objectId: warningId, orgId: w.subject_org_id, summary: `下载${notice.serial_no}（${format === 'docx' ? 'Word' : 'PDF'}）` }, ctx.clock.now()),
  );
  return { bytes, fileName: `${notice.serial_no}.${format}`, mime: format === 'docx' ? DOCX_MIME : 'application/pdf' };
}
