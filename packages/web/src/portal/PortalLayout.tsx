import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** The public pages' frame: no login, no menu, nothing from another site. */
export function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <Layout.Header style={{ background: '#b71c1c', display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          示范区纪委监委 · 网上举报
        </Typography.Title>
        <Link to="/portal/report" style={{ color: '#fff' }} data-testid="portal-nav-report">我要举报</Link>
        <Link to="/portal/query" style={{ color: '#fff' }} data-testid="portal-nav-query">查询办理情况</Link>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 860, width: '100%', margin: '24px auto', padding: '0 16px' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>
        本网站不记录您的 IP 地址、浏览器信息，也不使用 Cookie。匿名举报请妥善保存受理编号和查询码：遗失后无法找回。
      </Layout.Footer>
    </Layout>
  );
}
