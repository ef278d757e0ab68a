import { AlertOutlined, ApartmentOutlined, SafetyOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, ORG_KINDS, SCOPE_LABELS, TALK_CLASS_LABELS, TALK_CLASSES, AUDIT_ACTIONS, type AuditAction } from '@qingfeng/core';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { auditApi } from '../audit/api';
import { cluesApi } from '../clues/api';
import { useAuth, useMe } from '../auth/AuthContext';
import { useOrgs } from '../orgs/OrgsContext';
import { peopleApi } from '../people/api';
import { formatDateTime } from '../shared/format';
import { TodoCard } from '../todos/TodoCard';
import { useRequest } from '../shared/useRequest';

const Charts = {
  TalkClassPie: lazy(() => import('./HomeCharts').then((m) => ({ default: m.TalkClassPie }))),
  OrgKindBar: lazy(() => import('./HomeCharts').then((m) => ({ default: m.OrgKindBar }))),
};

const TALK_COLORS = { A: '#c8102e', B: '#d97706', C: '#1d4f91' } as const;
const chartFallback = <Skeleton.Node active style={{ width: '100%', height: 280 }} />;

/** 工作台: a modest overview of what the user can see, counted from the scoped lists. */
export default function HomePage() {
  const me = useMe();
  const { can } = useAuth();
  const orgs = useOrgs();

  // People by talk class: the totals of three one-row pages.
  const people = useRequest(
    async () => {
      const counts = await Promise.all(TALK_CLASSES.map((c) => peopleApi.list({ talkClass: c, pageSize: 1 }).then((r) => r.total)));
      return TALK_CLASSES.map((c, i) => ({ talkClass: c, count: counts[i] ?? 0 }));
    },
    [],
    can('people.read'),
  );
  const clues = useRequest(() => cluesApi.statistics({}), [], can('clues.read'));
  const recent = useRequest(() => auditApi.list({ pageSize: 6 }), [], can('audit.read'));

  const byKind = ORG_KINDS.map((k) => ({ kind: k, name: ORG_KIND_LABELS[k].replace(/（.*?）/g, ''), value: orgs.active.filter((o) => o.kind === k).length })).filter(
    (d) => d.value > 0,
  );
  const peopleTotal = people.data?.reduce((s, d) => s + d.count, 0);
  const hour = new Date().getHours();
  const greeting = hour < 6 ? '夜深了' : hour < 12 ? '上午好' : hour < 18 ? '下午好' : '晚上好';

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '20px 24px' } }}>
        <Space orientation="vertical" size={4}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="home-greeting">
            {greeting}，{me.displayName}
          </Typography.Title>
          <Space size={[4, 4]} wrap>
            {me.roles.map((r) => (
              <Tag key={r.code} color="blue">
                {r.name} · {SCOPE_LABELS[r.scopeKind]}
              </Tag>
            ))}
          </Space>
        </Space>
      </Card>

      <TodoCard />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {can('orgs.read') && (
          <Col xs={24} sm={12} xl={6}>
            <Card className="qf-stat-card" style={{ height: '100%' }}>
              <Statistic title="组织机构" value={orgs.loading ? '—' : orgs.active.length} suffix="个" prefix={<ApartmentOutlined />} data-testid="stat-orgs" />
            </Card>
          </Col>
        )}
        {can('clues.read') && (
          <Col xs={24} sm={12} xl={6}>
            <Link to="/clues?overdue=true">
              <Card className="qf-stat-card" style={{ height: '100%' }} hoverable>
                <Statistic
                  title="答复或移送逾期的线索"
                  value={clues.data?.overdue ?? '—'}
                  suffix={`/ ${clues.data?.total ?? '—'} 件`}
                  prefix={<AlertOutlined />}
                  styles={{ content: { color: clues.data?.overdue ? '#c8102e' : undefined } }}
                  data-testid="stat-clues-overdue"
                />
              </Card>
            </Link>
          </Col>
        )}
        {can('people.read') && (
          <Col xs={24} sm={12} xl={6}>
            <Card className="qf-stat-card" style={{ height: '100%' }}>
              <Statistic title="在岗人员" value={peopleTotal ?? '—'} suffix="人" prefix={<TeamOutlined />} data-testid="stat-people" />
            </Card>
          </Col>
        )}
        {can('people.read') && (
          <Col xs={24} sm={12} xl={6}>
            <Card className="qf-stat-card" style={{ height: '100%' }}>
              <Statistic
                title="A类谈话对象"
                value={people.data?.find((d) => d.talkClass === 'A')?.count ?? '—'}
                suffix="人"
                prefix={<UserOutlined />}
                styles={{ content: { color: TALK_COLORS.A } }}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} sm={12} xl={6}>
          <Card className="qf-stat-card" style={{ height: '100%' }}>
            <Statistic
              title="账户安全"
              value={me.totpEnabled ? '已启用双因素' : '仅密码'}
              prefix={<SafetyOutlined />}
              styles={{ content: { color: me.totpEnabled ? '#389e0d' : '#d97706', fontSize: 20 } }}
            />
            {!me.totpEnabled && <Link to="/account">绑定动态验证码</Link>}
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        {can('people.read') && (
          <Col xs={24} xl={12}>
            <Card title="人员谈话类别分布（分级谈话）">
              {people.error ? (
                <Alert type="error" showIcon title={people.error.message} />
              ) : !people.data ? (
                chartFallback
              ) : peopleTotal === 0 ? (
                <Empty description="暂无人员" />
              ) : (
                <Suspense fallback={chartFallback}>
                  <Charts.TalkClassPie
                    data={people.data.map((d) => ({ name: TALK_CLASS_LABELS[d.talkClass].replace(/（.*）/, ''), value: d.count, color: TALK_COLORS[d.talkClass] }))}
                  />
                </Suspense>
              )}
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                A类由纪委常委或纪检组长谈话，B类由分管领导谈话，C类由单位纪检负责人谈话。
              </Typography.Paragraph>
            </Card>
          </Col>
        )}
        {can('orgs.read') && (
          <Col xs={24} xl={12}>
            <Card title="组织机构类型">
              {orgs.loading && !orgs.active.length ? (
                chartFallback
              ) : byKind.length === 0 ? (
                <Empty description="暂无组织" />
              ) : (
                <Suspense fallback={chartFallback}>
                  <Charts.OrgKindBar data={byKind} />
                </Suspense>
              )}
            </Card>
          </Col>
        )}
        {can('audit.read') && (
          <Col xs={24}>
            <Card title="最近操作" extra={<Link to="/audit">查看审计日志</Link>}>
              {recent.loading && !recent.data ? (
                <Skeleton active paragraph={{ rows: 4 }} />
              ) : !recent.data?.items.length ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
              ) : (
                <ul className="qf-feed" data-testid="home-recent">
                  {recent.data.items.map((e) => (
                    <li key={e.id}>
                      <Typography.Text type="secondary" className="qf-feed-time">
                        {formatDateTime(e.occurredAt)}
                      </Typography.Text>
                      <Tag color="blue">{AUDIT_ACTIONS[e.action as AuditAction] ?? e.action}</Tag>
                      <span className="qf-feed-text">{e.summary}</span>
                      <Typography.Text type="secondary">— {e.actorLabel}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
