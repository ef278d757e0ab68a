import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title strip at the top of every page. */
export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="qf-page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="qf-page-header-extra">{extra}</div>}
    </div>
  );
}
