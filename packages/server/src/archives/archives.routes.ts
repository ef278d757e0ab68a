import { ArchiveParam, IntegrityArchive, todayIn, type Actor } from '@qingfeng/core';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import { actorOf } from '../http/auth-hook.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';
import { findPersonInScope } from '../people/people.repository.js';
import { requirePermission } from '../policy/scope.js';
import { archiveWorkbook } from './archive.export.js';
import { buildArchive } from './archive.repository.js';

const tags = ['archives'];

export async function archivesRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  /** Reading an archive is a read of a sensitive record: audited, like its export. */
  async function archive(actor: Actor, personId: number, action: 'ARCHIVE_VIEWED' | 'ARCHIVE_EXPORTED') {
    requirePermission(actor, 'archives.read');
    const person = await findPersonInScope(db, actor, 'archives.read', personId);
    if (!person) throw notFound();
    const now = ctx.clock.now();
    const a = await buildArchive(db, actor, person, todayIn(now));
    await db.transaction().execute((trx) =>
      recordAudit(trx, actor, { action, objectType: 'person', objectId: personId, orgId: person.org_id, summary: `${action === 'ARCHIVE_VIEWED' ? '查看' : '导出'}「${person.name}」的个人廉政档案` }, now),
    );
    return a;
  }

  app.get('/archives/:personId', { schema: { tags, summary: '个人廉政档案（本人可看自己的；不含线索；记入审计）', params: ArchiveParam, response: { 200: IntegrityArchive } } }, async (req) =>
    archive(actorOf(req), req.params.personId, 'ARCHIVE_VIEWED'),
  );

  app.get(
    '/archives/:personId/export',
    { schema: { tags, summary: '导出个人廉政档案（.xlsx；记入审计）', params: ArchiveParam, produces: [XLSX_MIME], response: { 200: z.any().meta({ type: 'string', format: 'binary' }) } } },
    async (req, reply) => {
      const a = await archive(actorOf(req), req.params.personId, 'ARCHIVE_EXPORTED');
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(`个人廉政档案-${a.person.name}.xlsx`, 'archive.xlsx')).send(await archiveWorkbook(a));
    },
  );
}
