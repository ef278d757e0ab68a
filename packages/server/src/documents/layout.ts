// GB/T 9704-2012 measurements shared by the Word and the PDF renderer.
import { chineseDate, type OfficialDocument } from '@qingfeng/core';

export const PT_PER_MM = 72 / 25.4;
export const TWIPS_PER_MM = 1440 / 25.4;

/** A4, 版心 156 mm × 225 mm: 天头 37 mm, 订口 28 mm. */
export const PAGE_MM = { width: 210, height: 297 };
export const MARGIN_MM = { top: 37, left: 28, right: 26, bottom: 35 };
/** Landscape pages for wide tables: the binding edge (订口) on top. */
export const LANDSCAPE_MARGIN_MM = { top: 28, left: 37, right: 35, bottom: 26 };
export const TEXT_MM = { width: 156, height: 225 };

/** 22 lines × 28 characters of 3号 type per page. */
export const LINES = 22;
export const CHARS = 28;
/** Line pitch, rounded down to whole twips so that 22 lines fit (28.95 pt). */
export const LINE_PT = Math.floor((TEXT_MM.height * PT_PER_MM * 20) / LINES) / 20;
/** 3号 characters are set 0.25 pt tighter so that 28 fit in 156 mm (28 × 15.75 pt = 441 pt). */
export const CHAR_TIGHTEN_PT = 0.25;

/** Type sizes in points (字号). */
export const SIZE = { chuhao: 42, xiaochu: 36, erhao: 22, sanhao: 16, sihao: 14, xiaosi: 12 };
export const RED = 'FF0000';

/** The sizes GB/T 9704 gives in millimetres. */
export const MARK_TOP_MM = 35; // 发文机关标志上边缘至版心上边缘
export const RULE_BELOW_NUMBER_MM = 4; // 红色分隔线在发文字号之下
export const PAGE_NUMBER_BELOW_MM = 7; // 一字线上距版心下边缘

/** Width in 3号 characters: full-width glyphs count 1, ASCII (half-width digits) ½. */
export function widthInChars(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  return w;
}

/** The issuer mark fills at most the text width, at most 小初. */
export function issuerMarkSize(mark: string): number {
  return Math.min(SIZE.xiaochu, Math.floor((TEXT_MM.width * PT_PER_MM) / widthInChars(mark)));
}

/**
 * 落款 without a seal: the issuer right-indented two characters, the date on the next line starting two
 * characters to the right of the issuer; a date longer than that moves both left (GB/T 9704 7.3.5.2).
 * Returns the left indents in characters.
 */
export function signOffIndents(issuer: string, date: string): { issuer: number; date: number } {
  const start = Math.min(CHARS - 2 - widthInChars(issuer), CHARS - 2 - widthInChars(date) - 2);
  return { issuer: start, date: start + 2 };
}

/** The texts every renderer prints, worked out once. */
export function documentTexts(doc: OfficialDocument) {
  const att = doc.attachments ?? [];
  return {
    recipients: doc.recipients && (/[：:]$/.test(doc.recipients) ? doc.recipients : `${doc.recipients}：`),
    /** 附件说明 lines; a long name wraps under the first name's first character. */
    attachments: att.map((name, i) => ({ prefix: `${i === 0 ? '附件：' : ''}${att.length > 1 ? `${i + 1}.` : ''}`, name })),
    attachmentIndent: att.length > 1 ? widthInChars('附件：1.') : widthInChars('附件：'),
    date: chineseDate(doc.date),
    note: doc.note && `（${doc.note}）`,
    cc: doc.record?.cc && `抄送：${doc.record.cc.replace(/[。.]$/, '')}。`,
    printDate: doc.record && `${chineseDate(doc.record.printDate)}印发`,
  };
}

export const pageNumberText = (n: number) => `— ${n} —`;
