import { PassThrough } from 'node:stream';
import { GRADE_LABELS, type ConsequenceRule, type Grade } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/**
 * 取消评先评优资格名单 for the organisation department (seed 000): the units rated with a grade
 * that carries disqualification, and the people — those rated so themselves, every person of a
 * unit rated 差 ("责任单位和责任人员全部取消"), and the principal leaders of a unit rated 中
 * ("取消责任人员…资格"). A person listed for several reasons appears once with all of them.
 */
export function exportDisqualifications(db: Executor, runId: number, year: number, consequences: ConsequenceRule): PassThrough {
  const grades = (Object.keys(consequences) as Grade[]).filter((g) => consequences[g].includes('award_disqualification'));
  const label = (g: Grade) => GRADE_LABELS[g];
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const units = wb.addWorksheet('单位', { views: [{ state: 'frozen', ySplit: 1 }] });
    units.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '单位', key: 'org', width: 36 },
      { header: `${year}年度考评等次`, key: 'grade', width: 14 },
      { header: '取消原因', key: 'reason', width: 40 },
    ];
    units.getRow(1).font = { bold: true };
    if (grades.length) {
      const { rows } = await sql<{ name: string; grade: Grade }>`
        SELECT o.name, e.grade FROM evaluation_results e JOIN orgs o ON o.id = e.org_id
        WHERE e.run_id = ${runId} AND e.subject_kind = 'org' AND e.grade = ANY(${sql.val(grades)}::text[]) ORDER BY o.path`.execute(db);
      rows.forEach((r, i) => units.addRow({ n: i + 1, org: r.name, grade: label(r.grade), reason: `单位考评为“${label(r.grade)}”` }).commit());
    }
    units.commit();
    const people = wb.addWorksheet('个人', { views: [{ state: 'frozen', ySplit: 1 }] });
    people.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '所属单位', key: 'org', width: 36 },
      { header: '取消原因', key: 'reason', width: 60 },
    ];
    people.getRow(1).font = { bold: true };
    if (grades.length) {
      const gradeLabel = sql`CASE e.grade WHEN 'good' THEN ${label('good')} WHEN 'fair' THEN ${label('fair')} ELSE ${label('poor')} END`;
      const { rows } = await sql<{ name: string; org: string; reasons: string }>`
        WITH d AS (
          SELECT e.person_id, 1 AS ord, '本人考评为“' || ${gradeLabel} || '”' AS reason
          FROM evaluation_results e WHERE e.run_id = ${runId} AND e.subject_kind = 'person' AND e.grade = ANY(${sql.val(grades)}::text[])
          UNION ALL
          SELECT p.id, 2, '所在单位考评为“' || ${gradeLabel} || '”'
          FROM evaluation_results e JOIN orgs u ON u.id = e.org_id
          JOIN orgs o ON o.path LIKE u.path || '%' AND (o.id = u.id OR o.kind = 'section')
          JOIN people p ON p.org_id = o.id AND p.retired_at IS NULL
          WHERE e.run_id = ${runId} AND e.subject_kind = 'org' AND e.grade = 'poor' AND e.grade = ANY(${sql.val(grades)}::text[])
          UNION ALL
          SELECT p.id, 3, '所在单位考评为“' || ${gradeLabel} || '”，本人为主要负责人'
          FROM evaluation_results e JOIN people p ON p.org_id = e.org_id AND p.is_principal_leader AND p.retired_at IS NULL
          WHERE e.run_id = ${runId} AND e.subject_kind = 'org' AND e.grade <> 'poor' AND e.grade = ANY(${sql.val(grades)}::text[])
        )
        SELECT p.name, o.name AS org, string_agg(d.reason, '；' ORDER BY d.ord) AS reasons
        FROM d JOIN people p ON p.id = d.person_id JOIN orgs o ON o.id = p.org_id
        GROUP BY p.id, p.name, o.name, o.path ORDER BY o.path, p.name, p.id`.execute(db);
      rows.forEach((r, i) => people.addRow({ n: i + 1, name: r.name, org: r.org, reason: r.reasons }).commit());
    }
    people.commit();
    await wb.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
