import { Result } from 'antd';

export function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的账户没有查看此页面的权限。如需开通，请联系系统管理员。" />;
}
