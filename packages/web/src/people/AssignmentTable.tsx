import { Table, Typography, type TableColumnsType } from 'antd';
import type { Assignment } from './api';

/** A titled table of a person's assignments: post, organisation and start date, then `more` columns. */
export function AssignmentTable({
  title,
  rows,
  emptyText,
  startedOnWidth,
  more,
  testId,
}: {
  title: string;
  rows: Assignment[];
  emptyText: string;
  startedOnWidth: number;
  more: TableColumnsType<Assignment>;
  testId: string;
}) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {title}
      </Typography.Title>
      <Table<Assignment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText }}
        data-testid={testId}
        columns={[
          { title: '岗位', dataIndex: 'postName' },
          { title: '所在组织', dataIndex: 'orgName' },
          { title: '任职日期', dataIndex: 'startedOn', width: startedOnWidth },
          ...more,
        ]}
      />
    </>
  );
}
