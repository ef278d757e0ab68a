// What may be attached to a clue, a report or a warning answer: office documents, PDFs, images and
// plain text. The type is decided by the file's first bytes, never by its name (a renamed .exe is
// refused), and the name's extension must agree with it.
export const ATTACHMENT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 } as const;

export interface AttachmentType {
  mime: string;
  extensions: readonly string[];
  label: string;
}

const PDF: AttachmentType = { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' };
const PNG: AttachmentType = { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' };
const JPEG: AttachmentType = { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' };
const OLE: AttachmentType = { mime: 'application/x-ole-storage', extensions: ['doc', 'xls'], label: 'Word/Excel 97-2003' };
const OOXML: AttachmentType = { mime: 'application/zip', extensions: ['docx', 'xlsx'], label: 'Word/Excel' };
const TEXT: AttachmentType = { mime: 'text/plain', extensions: ['txt'], label: '文本' };

export const ALLOWED_EXTENSIONS = [PDF, PNG, JPEG, OLE, OOXML, TEXT].flatMap((t) => t.extensions);

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function sniff(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return OOXML;
  if (isUtf8Text(bytes)) return TEXT;
  return null;
}

/** UTF-8 without control characters other than tab, newline and carriage return. */
function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

export type AttachmentCheck =
  | { ok: true; mime: string; extension: string }
  | { ok: false; code: 'attachment.empty' | 'attachment.too_large' | 'attachment.type_forbidden' | 'attachment.type_mismatch'; message: string };

/** Decide whether a file may be stored, from its name, size and content. */
export function checkAttachment(fileName: string, bytes: Uint8Array): AttachmentCheck {
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  if (bytes.length === 0) return { ok: false, code: 'attachment.empty', message: `附件「${fileName}」是空文件` };
  if (bytes.length > ATTACHMENT_LIMITS.maxBytes) return { ok: false, code: 'attachment.too_large', message: `附件「${fileName}」超过 10 MB` };
  if (!ALLOWED_EXTENSIONS.includes(extension)) {
    return { ok: false, code: 'attachment.type_forbidden', message: `附件「${fileName}」的类型不允许；允许：${ALLOWED_EXTENSIONS.join('、')}` };
  }
  const type = sniff(bytes);
  if (!type || !type.extensions.includes(extension)) {
    return { ok: false, code: 'attachment.type_mismatch', message: `附件「${fileName}」的内容与扩展名 .${extension} 不符` };
  }
  return { ok: true, mime: MIME_BY_EXTENSION[extension]!, extension };
}
