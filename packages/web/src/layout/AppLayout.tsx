import {
  AlertOutlined,
  ApartmentOutlined,
  FileSearchOutlined,
  ScheduleOutlined,
  BarChartOutlined,
  CommentOutlined,
  ExceptionOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  TrophyOutlined,
  AuditOutlined,
  FileTextOutlined,
  NotificationOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
  PartitionOutlined,
  FileProtectOutlined,
  DownOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, Spin, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../auth/api';
import { useAuth, useMe } from '../auth/AuthContext';
import { OrgsProvider } from '../orgs/OrgsContext';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { Brand } from './Brand';

interface NavItem {
  path: string;
  label: string;
  icon: React.ReactNode;
  permission?: Permission | Permission[];
}

export const NAV: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/warnings', label: '三级预警', icon: <AlertOutlined />, permission: 'warnings.read' },
  { path: '/bulletins', label: '通报', icon: <NotificationOutlined />, permission: 'bulletins.write' },
  { path: '/leadership-reports', label: '领导专报', icon: <FileTextOutlined />, permission: 'leadership_reports.read' },
  { path: '/orgs', label: '组织机构', icon: <ApartmentOutlined />, permission: 'orgs.read' },
  { path: '/people', label: '人员', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/risk-points', label: '廉政风险点', icon: <SafetyCertificateOutlined />, permission: 'risk.read' },
  { path: '/check-campaigns', label: '风险排查', icon: <ScheduleOutlined />, permission: 'risk.read' },
  { path: '/powers', label: '职权与流程图', icon: <PartitionOutlined />, permission: 'risk.read' },
  { path: '/commitments', label: '风险防范承诺书', icon: <FileProtectOutlined />, permission: 'risk.read' },
  { path: '/risk-matrices', label: '风险矩阵', icon: <TableOutlined />, permission: 'risk.read' },
  { path: '/clues', label: '预警信息台账', icon: <FileSearchOutlined />, permission: ['clues.read', 'clues.submit'] },
  { path: '/talks', label: '谈话', icon: <CommentOutlined />, permission: 'talks.read' },
  { path: '/evaluations', label: '廉情预警考评', icon: <TrophyOutlined />, permission: 'evaluations.read' },
  { path: '/assessments', label: '防控考核', icon: <BarChartOutlined />, permission: 'assessments.read' },
  { path: '/accountability', label: '问责', icon: <ExceptionOutlined />, permission: 'accountability.read' },
  { path: '/archives', label: '廉政档案', icon: <FolderOpenOutlined />, permission: 'archives.read' },
  { path: '/integrity-opinions', label: '意见回复', icon: <FileDoneOutlined />, permission: 'opinions.draft' },
  { path: '/imports', label: '批量导入', icon: <CloudUploadOutlined />, permission: 'people.import' },
  { path: '/users', label: '用户与角色', icon: <UsergroupAddOutlined />, permission: 'users.read' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/holiday-calendar', label: '节假日历', icon: <CalendarOutlined /> },
  { path: '/account', label: '账户安全', icon: <SafetyOutlined /> },
];

export function AppLayout() {
  const me = useMe();
  const { can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = NAV.filter((n) => !n.permission || (Array.isArray(n.permission) ? n.permission.some(can) : can(n.permission))).map((n) => ({
    key: n.path,
    icon: n.icon,
    label: n.label,
    'data-testid': `nav-${n.path === '/' ? 'home' : n.path.slice(1)}`,
  }));
  const selected = NAV.filter((n) => n.path !== '/' && location.pathname.startsWith(n.path)).map((n) => n.path);

  const userMenu: MenuProps['items'] = [
    { key: 'account', icon: <SafetyOutlined />, label: '账户安全' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">退出登录</span> },
  ];
  const roleNames = me.roles.map((r) => r.name).join('、');

  return (
    <OrgsProvider>
      <Layout className="qf-shell">
        <Layout.Sider width={232} collapsedWidth={64} collapsed={collapsed} theme="dark" className="qf-sider" trigger={null}>
          <div className="qf-sider-brand" onClick={() => navigate('/')} role="link" aria-label="返回工作台">
            <Brand collapsed={collapsed} />
          </div>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected.length ? selected : [location.pathname === '/' ? '/' : '']}
            onClick={({ key }) => navigate(key)}
            data-testid="main-menu"
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="qf-header">
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
            />
            <div className="qf-header-right">
              <Dropdown
                menu={{
                  items: userMenu,
                  onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/account')),
                }}
                trigger={['click']}
              >
                <button type="button" className="qf-user" data-testid="user-menu">
                  <Avatar size={28} icon={<UserOutlined />} style={{ background: '#1d4f91' }} />
                  <span className="qf-user-text">
                    <span className="qf-user-name" data-testid="current-user">
                      {me.displayName}
                    </span>
                    <Typography.Text type="secondary" className="qf-user-role" ellipsis={{ tooltip: roleNames }}>
                      {roleNames || '未分配角色'}
                    </Typography.Text>
                  </span>
                  {!me.totpEnabled && me.permissions.includes('system.admin') && <Tag color="warning">未绑定动态验证码</Tag>}
                  <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                </button>
              </Dropdown>
            </div>
          </Layout.Header>
          <Layout.Content className="qf-content">
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Layout.Content>
          <Layout.Footer className="qf-footer">清风 · 廉政风险防控预警平台　所有操作均记入审计日志</Layout.Footer>
        </Layout>
      </Layout>
    </OrgsProvider>
  );
}
