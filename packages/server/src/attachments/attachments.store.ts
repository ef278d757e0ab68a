import { createHash } from 'node:crypto';
import { ATTACHMENT_LIMITS, checkAttachment, type AttachmentMeta } from '@qingfeng/core';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';

export interface UploadedFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

/**
 * Reads a multipart request: its text fields and its files, every file checked (type by content,
 * size, count) before the caller stores anything. A refused file refuses the whole request.
 */
export async function readUploads(req: FastifyRequest): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  if (!req.isMultipart()) throw new AppError('request.invalid', '请以 multipart/form-data 提交（附件字段名 files）');
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts({ limits: { files: ATTACHMENT_LIMITS.maxFiles + 1, fileSize: ATTACHMENT_LIMITS.maxBytes } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (files.length === ATTACHMENT_LIMITS.maxFiles) throw new AppError('attachment.too_many');
      const fileName = (part.filename || '未命名').slice(0, 200);
      const check = checkAttachment(fileName, bytes);
      if (!check.ok) throw new AppError(check.code, check.message);
      files.push({ fileName, mime: check.mime, bytes });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('attachment.too_large', `附件超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`);
    if (code === 'FST_FILES_LIMIT') throw new AppError('attachment.too_many');
    throw e;
  }
  return { fields, files };
}

export async function saveAttachments(trx: Executor, ownerType: string, ownerId: number, files: UploadedFile[], createdBy: number | null): Promise<number[]> {
  if (files.length === 0) return [];
  const rows = await trx
    .insertInto('attachments')
    .values(
      files.map((f) => ({
        owner_type: ownerType,
        owner_id: ownerId,
        file_name: f.fileName,
        mime: f.mime,
        size: f.bytes.length,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        content: f.bytes,
        created_by: createdBy,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

const META = ['id', 'owner_id', 'file_name', 'mime', 'size', 'sha256', 'created_at'] as const;

/** The attachments of many owners of one type, by owner id (content not loaded). */
export async function listAttachments(db: Executor, ownerType: string, ownerIds: number[]): Promise<Map<number, AttachmentMeta[]>> {
  const byOwner = new Map<number, AttachmentMeta[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await db.selectFrom('attachments').select(META).where('owner_type', '=', ownerType).where('owner_id', 'in', ownerIds).orderBy('id').execute();
  for (const r of rows) {
    const list = byOwner.get(r.owner_id) ?? [];
    list.push({ id: r.id, fileName: r.file_name, mime: r.mime, size: r.size, sha256: r.sha256, createdAt: new Date(r.created_at).toISOString() });
    byOwner.set(r.owner_id, list);
  }
  return byOwner;
}

/** One attachment with its bytes, only if it belongs to that owner (whose scope the caller checked). */
export async function readAttachment(db: Executor, ownerType: string, ownerId: number, attachmentId: number) {
  return db
    .selectFrom('attachments')
    .select(['file_name', 'mime', 'content'])
    .where('id', '=', attachmentId)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}
