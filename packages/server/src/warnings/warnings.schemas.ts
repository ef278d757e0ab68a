import { z } from 'zod';

/** For the OpenAPI document only: the answer is read as a multipart stream (`readUploads`). */
export const AnswerUpload = z
  .object({
    explanation: z.string().optional().describe('情况说明（一级、二级预警）'),
    causes: z.string().optional().describe('原因剖析（二级、三级预警）'),
    measures: z.string().optional().describe('整改措施（二级、三级预警）'),
    report: z.string().optional().describe('整改情况报告（二级、三级预警）'),
    files: z.any().meta({ type: 'string', format: 'binary', description: '附件，可多个（pdf、jpg、png、doc、docx、xls、xlsx、txt，每个不超过 10 MB，最多 10 个）' }),
  })
  .nullish();

/** For the OpenAPI document only: files are sent as bytes. */
export const FileBytes = z.any().meta({ type: 'string', format: 'binary' });
