import { Alert, App, Button, Card, Spin } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { Brand } from '../layout/Brand';
import { useAuth } from './AuthContext';
import { TotpEnrolment } from './TotpEnrolment';

/** Forced binding: an administrator cannot use the system until TOTP is bound. */
export default function TotpEnrolmentPage() {
  const { me, refresh, logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (me === undefined) return <Spin />;
  if (me === null) return <Navigate to="/login" replace />;
  if (!me.totpEnrollmentRequired) return <Navigate to="/" replace />;

  return (
    <div className="qf-enrol">
      <div className="qf-enrol-head">
        <Brand />
        <Button onClick={() => void logout()} data-testid="logout">
          退出登录
        </Button>
      </div>
      <Card title="绑定动态验证码（双因素认证）" className="qf-enrol-card">
        <Alert
          type="warning"
          showIcon
          title={`${me.displayName}（${me.username}）：您的账户具有系统管理权限，须先绑定动态验证码，才能使用本系统。`}
          description="绑定后，每次登录除密码外还需输入手机 App 上的 6 位动态验证码。"
          style={{ marginBottom: 24 }}
        />
        <TotpEnrolment
          onDone={async () => {
            message.success('动态验证码已绑定');
            await refresh();
            navigate('/', { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
