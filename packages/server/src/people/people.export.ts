import { PassThrough } from 'node:stream';
import { maskIdNumber, TALK_CLASS_LABELS, type Actor } from '@qingfeng/core';

import type { Executor } from '../db/types.js';
import { assignmentsOf, peopleInScopeBatches, type PeopleFilter } from './people.repository.js';

const COLUMNS = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '出生日期', key: 'birthDate', width: 12 },
  { header: '身份证号（脱敏）', key: 'idNumber', width: 22 },
  { header: '所属组织', key: 'org', width: 30 },
  { header: '现任岗位', key: 'posts', width: 30 },
  { header: '谈话类别', key: 'talkClass', width: 10 },
  { header: '领导班子成员', key: 'leadership', width: 12 },
  { header: '主要负责人', key: 'principal', width: 10 },
  { header: '状态', key: 'status', width: 8 },
];

/**
 * The people register as a streamed .xlsx: rows are written as they are read, in batches, so a
 * prefecture-sized export does not sit in memory. ID numbers are masked as in every list.
 */
export function exportPeople(db: Executor, actor: Actor, filter: Omit<PeopleFilter, 'page' | 'pageSize'>): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs'); // loaded on first use (~23 MB of RSS)
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet('人员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    for await (const rows of peopleInScopeBatches(db, actor, filter)) {
      const posts = await assignmentsOf(db, rows.map((r) => r.id));
      for (const r of rows) {
        sheet
          .addRow({
            name: r.name,
            gender: r.gender === 'male' ? '男' : '女',
            birthDate: r.birth_date,
            idNumber: maskIdNumber(r.id_number),
            org: r.org_name,
            posts: (posts.get(r.id) ?? []).map((p) => `${p.orgName}·${p.postName}`).join('；'),
            talkClass: TALK_CLASS_LABELS[r.talk_class].slice(0, 2),
            leadership: r.is_leadership_member ? '是' : '否',
            principal: r.is_principal_leader ? '是' : '否',
            status: r.retired_at ? '离岗' : '在岗',
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
