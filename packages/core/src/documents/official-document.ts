// An official document (公文) as pure data, in the parts GB/T 9704-2012 names. The server renders it
// to Word and PDF (`server/src/documents/`); features only fill this shape.

/** One block of the body (正文). Headings are numbered by position: 一、 （一） 1. */
export type DocumentBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | {
      kind: 'table';
      /** Column titles, repeated at the top of every page the table spans. */
      header: string[];
      rows: string[][];
      /** Relative column widths (default: equal). */
      widths?: number[];
      /** Put the table on landscape pages of its own (wide registers such as 风险识别防控一览表). */
      landscape?: boolean;
    };

/** 版头: present for a 红头文件, absent for a plain document (承诺书, 复函 …). */
export type DocumentHeader = {
  /** 发文机关标志, printed red as given: 中共示范区纪律检查委员会 or …委员会文件 */
  issuerMark: string;
  /** 发文字号, e.g. 示纪预〔2026〕1号 */
  docNumber: string;
  /** 份号 (6 digits by convention), 密级和保密期限 (e.g. 秘密★1年), 紧急程度 (特急/加急) */
  copyNumber?: string;
  secrecy?: string;
  urgency?: string;
  /** 签发人 (upward documents): printed right of the 发文字号 */
  signer?: string;
};

export type OfficialDocument = {
  header?: DocumentHeader;
  title: string;
  /** 主送机关, e.g. 各乡镇（街道）纪（工）委，区直各单位 */
  recipients?: string;
  body: DocumentBlock[];
  /** 附件说明: attachment names, numbered when more than one */
  attachments?: string[];
  /** 落款: the issuing organisation (or e.g. 承诺人：张三) */
  issuer: string;
  /** 成文日期 as an ISO date, printed 2026年11月23日 */
  date: string;
  /** 附注, printed in brackets, e.g. 此件公开发布 */
  note?: string;
  /** 版记 at the foot of the last page */
  record?: { cc?: string; printer: string; printDate: string };
};

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers stay below 100). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** The label of each heading by its position (一、 （一） 1.), counters restarting under a higher level. */
export function headingLabels(body: readonly DocumentBlock[]): (string | null)[] {
  const counters = [0, 0, 0];
  return body.map((block) => {
    if (block.kind !== 'heading') return null;
    const i = block.level - 1;
    counters[i]!++;
    counters.fill(0, i + 1);
    const n = counters[i]!;
    return block.level === 1 ? `${chineseNumeral(n)}、` : block.level === 2 ? `（${chineseNumeral(n)}）` : `${n}.`;
  });
}

/** 2026-11-03 → 2026年11月3日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`chineseDate: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
