import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, checkAttachment } from '../src/index.js';

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.7\n…');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04);
const EXE = bytes(0x4d, 0x5a, 0x90, 0x00);

describe('attachments: the type is decided by the content', () => {
  it.each([
    ['举报材料.pdf', PDF, 'application/pdf'],
    ['现场照片.PNG', PNG, 'image/png'],
    ['情况说明.docx', ZIP, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['说明.txt', new TextEncoder().encode('收受红包一事的情况说明\n'), 'text/plain; charset=utf-8'],
  ])('accepts %s', (name, content, mime) => {
    expect(checkAttachment(name, content)).toEqual({ ok: true, mime, extension: name.split('.').pop()!.toLowerCase() });
  });

  it.each([
    ['空.pdf', new Uint8Array(), 'attachment.empty'],
    ['木马.exe', EXE, 'attachment.type_forbidden'],
    ['无扩展名', PDF, 'attachment.type_forbidden'],
    ['改名的程序.pdf', EXE, 'attachment.type_mismatch'],
    ['图片冒充文档.docx', PNG, 'attachment.type_mismatch'],
    ['二进制.txt', bytes(0x00, 0x01), 'attachment.type_mismatch'],
    ['太大.pdf', new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1).fill(0x25), 'attachment.too_large'],
  ])('refuses %s with %s', (name, content, code) => {
    const result = checkAttachment(name, content);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toContain(name);
    }
  });
});
