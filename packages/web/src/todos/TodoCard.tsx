import { Alert, Badge, Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../shared/format';
import { useRequest } from '../shared/useRequest';
import { todosApi } from './api';

/** 我的待办: what waits for the signed-in user in every feature, overdue first. */
export function TodoCard() {
  const todos = useRequest(() => todosApi.list(), []);
  const overdue = todos.data?.overdue ?? 0;
  return (
    <Card
      title={
        <span>
          我的待办 {overdue > 0 && <Badge count={`逾期 ${overdue}`} style={{ background: '#c8102e', marginLeft: 8 }} data-testid="todo-overdue" />}
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      {todos.error ? (
        <Alert type="error" showIcon title={todos.error.message} />
      ) : !todos.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : todos.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />
      ) : (
        <List
          size="small"
          data-testid="todo-list"
          dataSource={todos.data.items}
          renderItem={(item) => (
            <List.Item data-testid={`todo-${item.objectType}-${item.objectId}`}>
              <Link to={item.link}>{item.title}</Link>
              {item.due && (
                <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>
                  {item.overdue ? <Tag color="red">逾期</Tag> : null}期限 {formatDate(item.due)}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
