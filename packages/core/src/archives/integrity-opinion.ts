// 党风廉政意见回复: when the organisation department asks about cadres considered for promotion,
// the centre replies from the archive with one of the fixed conclusions used in practice. The list
// of conclusions is configuration; so is what may be said about clues still being handled.
import { z } from 'zod';
import { chineseDate, type OfficialDocument } from '../documents/official-document.js';

export const OpinionCategory = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, '代码须为小写字母、数字和下划线'),
  label: z.string().trim().min(1).max(60),
  /** the sentence of the reply, e.g. 未收到反映该同志问题的线索，未发现其有违反廉洁纪律的问题。 */
  conclusion: z.string().trim().min(1).max(300),
});
export type OpinionCategory = z.infer<typeof OpinionCategory>;

export const OpinionCategories = z
  .array(OpinionCategory)
  .min(2)
  .max(20)
  .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, { message: '结论类别代码不能重复' });

export const DEFAULT_OPINION_CATEGORIES: OpinionCategory[] = [
  { code: 'no_clue', label: '未收到问题线索', conclusion: '截至目前，未收到反映该同志问题的信访举报和问题线索，未发现其有违反廉洁纪律的问题。' },
  { code: 'cleared', label: '反映问题已了结', conclusion: '曾收到反映该同志的问题线索，经核查已予了结（查否或予以澄清），不影响其提拔使用。' },
  { code: 'handled_minor', label: '受过提醒、诫勉等处理', conclusion: '该同志在所询期间受到过提醒谈话、函询、诫勉等处理，已按规定处理完毕，影响期已满。' },
  { code: 'pending', label: '有线索正在核查（暂缓）', conclusion: '有反映该同志的问题线索正在核查中，建议暂缓提拔使用，待核查结束后再行回复。' },
  { code: 'in_penalty', label: '处分影响期内', conclusion: '该同志受到党纪政务处分或组织处理，目前尚在影响期内，不宜提拔使用。' },
  { code: 'not_suitable', label: '不宜提拔使用', conclusion: '经综合研判，该同志存在违反廉洁纪律的问题，不宜提拔或进一步使用。' },
];

/** How clues that are still being handled appear in a reply: only that one exists, or not at all. */
export const PENDING_CLUE_POLICIES = ['state_existence_only', 'omit'] as const;
export type PendingCluePolicy = (typeof PENDING_CLUE_POLICIES)[number];

export const OpinionSettings = z.object({
  categories: OpinionCategories,
  pendingClues: z.enum(PENDING_CLUE_POLICIES),
  /** 发文机关 of the reply (版头 and 落款) and the office that prints it (版记) */
  issuer: z.string().trim().min(1).max(60),
  printer: z.string().trim().min(1).max(60),
});
export type OpinionSettings = z.infer<typeof OpinionSettings>;
export const DEFAULT_OPINION_SETTINGS: OpinionSettings = {
  categories: DEFAULT_OPINION_CATEGORIES,
  pendingClues: 'state_existence_only',
  issuer: '中共示范区纪律检查委员会',
  printer: '中共示范区纪委办公室',
};

/** 文号 of replies. */
export const OPINION_SERIAL_TEMPLATE = '示纪廉复〔{year}〕{seq}号';

/** What the archive says about one cadre in the period asked about. */
export interface OpinionFacts {
  /** level-2/3 warnings and level-1 warnings, counted */
  warnings: { level: 1 | 2 | 3; issuedOn: string; serialNo: string | null }[];
  ratings: { year: number; gradeLabel: string }[];
  /** accountability forms received, with the date */
  accountability: { formLabel: string; group: string; decidedOn: string; behaviour: string }[];
  personalMatters: { year: number; findingLabel: string; finding: string }[];
  /** clues about the cadre received in the period and closed */
  closedClues: number;
  /** clues about the cadre still being handled (whenever received) */
  pendingClues: number;
}

/** The sentences of the findings, in the order of the reply. */
export function opinionFindings(facts: OpinionFacts, policy: PendingCluePolicy): string[] {
  const lines: string[] = [];
  if (facts.warnings.length) {
    const byLevel = [3, 2, 1]
      .map((l) => [l, facts.warnings.filter((w) => w.level === l).length] as const)
      .filter(([, n]) => n > 0)
      .map(([l, n]) => `${['', '一', '二', '三'][l]}级预警${n}次`);
    lines.push(`所询期间被实施${byLevel.join('、')}。`);
  } else lines.push('所询期间未被实施廉情预警。');
  const notGood = facts.ratings.filter((r) => r.gradeLabel !== '好');
  if (facts.ratings.length) {
    lines.push(
      notGood.length
        ? `廉情预警考评：${facts.ratings.map((r) => `${r.year}年度“${r.gradeLabel}”`).join('，')}。`
        : `廉情预警考评均为“好”（${facts.ratings.map((r) => r.year).join('、')}年度）。`,
    );
  }
  for (const a of facts.accountability) lines.push(`${a.decidedOn}因“${a.behaviour}”受到${a.formLabel}。`);
  if (facts.closedClues > 0) lines.push(`所询期间收到反映该同志问题的线索${facts.closedClues}件，均已办结。`);
  const flagged = facts.personalMatters.filter((p) => p.finding !== 'accurate');
  if (flagged.length) for (const p of flagged) lines.push(`${p.year}年度个人有关事项报告经核查为${p.findingLabel}。`);
  if (facts.pendingClues > 0 && policy === 'state_existence_only') lines.push('有反映该同志的问题线索正在核查中。');
  return lines;
}

/** The conclusion the facts suggest; the drafter may choose another category of the list. */
export function suggestOpinionCategory(facts: OpinionFacts, codes: readonly string[]): string {
  const has = (code: string) => codes.includes(code);
  const pick = (...prefs: string[]) => prefs.find(has) ?? codes[0]!;
  if (facts.accountability.some((a) => a.group === '纪律处分' || a.group === '岗位处理')) return pick('in_penalty', 'not_suitable');
  if (facts.pendingClues > 0) return pick('pending');
  if (facts.accountability.length || facts.warnings.length) return pick('handled_minor');
  if (facts.closedClues > 0) return pick('cleared');
  return pick('no_clue');
}

export interface OpinionForDocument {
  serialNo: string;
  requester: string;
  requestRef: string | null;
  purpose: string;
  periodStart: string;
  periodEnd: string;
  repliedOn: string;
  people: { name: string; orgName: string; findings: string[]; conclusion: string }[];
}

/** The reply as an official document (复函, GB/T 9704): per cadre the findings and the conclusion. */
export function opinionDocument(o: OpinionForDocument, settings: Pick<OpinionSettings, 'issuer' | 'printer'>): OfficialDocument {
  const who = o.people.length === 1 ? `${o.people[0]!.name}同志` : `${o.people[0]!.name}等${o.people.length}名同志`;
  return {
    header: { issuerMark: settings.issuer, docNumber: o.serialNo },
    title: `关于${who}党风廉政情况的复函`,
    recipients: o.requester,
    body: [
      {
        kind: 'paragraph',
        text: `${o.requestRef ? `你部《${o.requestRef}》` : '你部来函'}收悉。因${o.purpose}，经查阅${chineseDate(o.periodStart)}至${chineseDate(o.periodEnd)}期间的信访举报、廉情预警、考评、问责和个人有关事项报告核查等情况，现将有关同志党风廉政情况回复如下：`,
      },
      ...o.people.flatMap((p) => [
        { kind: 'heading' as const, level: 1 as const, text: `${p.name}同志（${p.orgName}）` },
        ...p.findings.map((text) => ({ kind: 'paragraph' as const, text })),
        { kind: 'paragraph' as const, text: p.conclusion },
      ]),
      { kind: 'paragraph', text: '以上意见仅供选拔任用参考。特此函复。' },
    ],
    issuer: settings.issuer,
    date: o.repliedOn,
    note: '此件不公开',
    record: { printer: settings.printer, printDate: o.repliedOn },
  };
}
