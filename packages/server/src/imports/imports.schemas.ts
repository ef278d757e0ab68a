import { z } from 'zod';

/**
 * For the OpenAPI document only: the route reads the upload as a stream (`req.file()`), so there is
 * no parsed body to validate and this schema accepts its absence.
 */
export const ImportUpload = z
  .object({ file: z.any().meta({ type: 'string', format: 'binary', description: '按模板填写的 .xlsx 文件' }) })
  .nullish();

/** For the OpenAPI document only: the template is sent as bytes, never serialised. */
export const TemplateFile = z.any().meta({ type: 'string', format: 'binary', description: '组织与人员导入模板（.xlsx）' });
