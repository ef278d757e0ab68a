import { PassThrough } from 'node:stream';
import { POWER_STATUS_LABELS, POWER_TYPE_LABELS, type Actor, type FlowStep, type PowerStatus, type PowerType } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { powersInBatches, riskStepsOf, type PowerFilter } from './powers.repository.js';
import { POWER_COLUMNS, POWER_SHEET } from './powers.usecases.js';

/** The flowchart as one line of text: "1 受理（窗口，1个工作日）→ 2 审核 …", risk steps marked ⚠. */
function stepsText(steps: FlowStep[], risky: Set<string>): string {
  return steps.map((s, i) => `${i + 1} ${risky.has(s.key) ? '⚠' : ''}${s.name}（${s.actor}${s.timeLimitDays != null ? `，${s.timeLimitDays}天` : ''}）`).join(' → ');
}

/**
 * The power inventory as a streamed .xlsx. Its first five columns are those of the import template,
 * so an exported sheet can be edited and imported again (after deleting the extra columns).
 */
export function exportPowers(db: Executor, actor: Actor, filter: PowerFilter): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(POWER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      ...POWER_COLUMNS.map((h) => ({ header: h, key: h, width: h === '法定依据' ? 50 : 16 })),
      { header: '所属单位', key: 'org', width: 24 },
      { header: '状态', key: 'status', width: 8 },
      { header: '权力运行流程（⚠ 风险点）', key: 'steps', width: 80 },
    ];
    sheet.getRow(1).font = { bold: true };
    for await (const rows of powersInBatches(db, actor, filter)) {
      const risks = await riskStepsOf(db, rows.map((r) => r.id));
      for (const r of rows) {
        sheet
          .addRow({
            职权名称: r.name,
            职权类型: POWER_TYPE_LABELS[r.type as PowerType],
            法定依据: r.legal_basis,
            责任股室: r.section_name ?? '',
            责任岗位: r.post_name ?? '',
            org: r.org_name,
            status: POWER_STATUS_LABELS[r.status as PowerStatus],
            steps: stepsText(r.steps as FlowStep[], new Set((risks.get(r.id) ?? []).map((s) => s.stepKey))),
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
