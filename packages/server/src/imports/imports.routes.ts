import { ErrorBody, ImportQuery, ImportResult } from '@qingfeng/core';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import { AppError } from '../http/errors.js';
import { attachment, XLSX_MIME } from '../http/attachment.js';
import type { App } from '../http/types.js';
import { requirePermission } from '../policy/scope.js';
import { ImportUpload, TemplateFile } from './imports.schemas.js';
import { buildTemplate, MAX_DATA_ROWS, TEMPLATE_FILE_NAME } from './imports.template.js';
import { importOrgsAndPeople } from './imports.usecases.js';

const tags = ['imports'];

export async function importRoutes(app: App, ctx: AppContext) {
  app.get(
    '/imports/template',
    { schema: { tags, summary: '下载组织与人员导入模板（.xlsx）', produces: [XLSX_MIME], response: { 200: TemplateFile } } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'people.import');
      const workbook = await buildTemplate(ctx.clock.now());
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(TEMPLATE_FILE_NAME, 'import-template.xlsx')).send(workbook);
    },
  );

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: '从 Excel 模板导入组织与人员',
        description:
          `multipart/form-data，字段 file 为按模板填写的 .xlsx 文件（不超过 10 MB，两张表合计不超过 ${MAX_DATA_ROWS} 行）。` +
          '先校验全部行：有任何错误则返回 422 import.rows_invalid，rows 逐条列出工作表、行号、列和原因，不写入任何记录；' +
          '无错误时在一个事务中写入全部组织、岗位与人员。dryRun=true 只校验不写入。',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        body: ImportUpload,
        response: { 200: ImportResult, 400: ErrorBody, 413: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Refuse before reading up to 10 MB from someone who may not import at all.
      requirePermission(actor, 'people.import');
      if (!req.isMultipart()) throw new AppError('import.bad_file', '请以 multipart/form-data 上传 Excel 文件（字段名 file）');
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw new AppError('import.bad_file', '请上传 Excel 文件（字段名 file）');
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import.file_too_large');
        throw e;
      }
      const fileName = (part.filename || '未命名.xlsx').slice(0, 200);
      return importOrgsAndPeople(ctx, actor, { buffer, fileName }, req.query.dryRun ?? false);
    },
  );
}
