import { PassThrough } from 'node:stream';
import { CLUE_CHANNELS, CLUE_LEVELS, CLUE_STATUSES, DISPOSAL_MODES, HANDLER_ROUTES, PROBLEM_TYPES, REPORTER_KINDS, type ClueQuery } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { clueFilters, clueRows, type ClueViewer } from './clues.repository.js';

const COLUMNS = [
  { header: '台账编号', key: 'ledgerNo', width: 22 },
  { header: '收件日期', key: 'receivedOn', width: 12 },
  { header: '来源渠道', key: 'channel', width: 14 },
  { header: '问题类别', key: 'problemType', width: 16 },
  { header: '被反映人', key: 'person', width: 12 },
  { header: '被反映单位', key: 'org', width: 28 },
  { header: '被反映对象（描述）', key: 'subjectText', width: 24 },
  { header: '主要内容', key: 'content', width: 60 },
  { header: '举报方式', key: 'reporter', width: 10 },
  { header: '承办单位', key: 'handler', width: 24 },
  { header: '分办方式', key: 'routedAs', width: 14 },
  { header: '建议等级', key: 'level', width: 8 },
  { header: '处置方式', key: 'disposal', width: 10 },
  { header: '状态', key: 'status', width: 10 },
  { header: '受理告知期限', key: 'ackDue', width: 12 },
  { header: '结果反馈期限', key: 'resultDue', width: 12 },
  { header: '办理结果', key: 'outcome', width: 40 },
];

/**
 * The ledger as a streamed .xlsx, in keyset batches, with the list's scope and filters. The reporter
 * appears only as a kind (实名/匿名): identities are never exported.
 */
export function exportClues(db: Executor, v: ClueViewer, filter: Omit<ClueQuery, 'page' | 'pageSize'>, today: string): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('预警信息台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    let after = 0;
    for (;;) {
      const rows = await clueRows(db, v).where(clueFilters(filter, today)).where('clues.id', '>', after).orderBy('clues.id').limit(2000).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        sheet
          .addRow({
            ledgerNo: r.ledger_no,
            receivedOn: r.received_on,
            channel: CLUE_CHANNELS[r.channel as keyof typeof CLUE_CHANNELS] ?? r.channel,
            problemType: PROBLEM_TYPES[r.problem_type as keyof typeof PROBLEM_TYPES] ?? r.problem_type,
            person: r.subject_person_name ?? '',
            org: r.subject_org_name ?? '',
            subjectText: r.subject_text ?? '',
            content: r.content,
            reporter: REPORTER_KINDS[r.reporter_kind].slice(0, 2),
            handler: r.handler_name,
            routedAs: HANDLER_ROUTES[r.routed_as],
            level: r.level ? CLUE_LEVELS[r.level] : '',
            disposal: r.disposal_mode ? DISPOSAL_MODES[r.disposal_mode as keyof typeof DISPOSAL_MODES] : '',
            status: CLUE_STATUSES[r.status],
            ackDue: r.ack_due ?? '',
            resultDue: r.result_due ?? '',
            outcome: r.outcome ?? '',
          })
          .commit();
      }
      after = rows.at(-1)!.id;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
