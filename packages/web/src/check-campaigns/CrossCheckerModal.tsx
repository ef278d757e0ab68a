import { Alert, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { tid } from '../shared/testid';
import { campaignsApi, type CampaignOrgDetail } from './api';

/** 指定交叉互查单位: another unit, neither the org itself nor above or below it (the server says which rule a choice breaks). */
export function CrossCheckerModal({ target, onClose, onAssigned }: { target: { campaignId: number; orgId: number; orgName: string; crossOrgId: number | null } | null; onClose: () => void; onAssigned: (d: CampaignOrgDetail) => void }) {
  const [value, setValue] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setValue(target?.crossOrgId ?? undefined);
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target?.campaignId, target?.orgId]);

  const save = async () => {
    if (!target || !value) return;
    setBusy(true);
    try {
      onAssigned(await campaignsApi.assignCrossChecker(target.campaignId, target.orgId, value));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={target !== null} title={`指定交叉互查单位 · ${target?.orgName ?? ''}`} onCancel={onClose} onOk={() => void save()} okButtonProps={{ ...tid('cross-checker-ok'), disabled: !value, loading: busy }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="cross-checker-error" />}
      <Typography.Paragraph type="secondary">交叉互查由另一个单位完成：不能是被检查单位本身，也不能是它的上级或下级单位。</Typography.Paragraph>
      <OrgTreeSelect style={{ width: '100%' }} value={value} onChange={(v) => setValue(v as number | undefined)} isDisabled={(o) => o.kind !== 'unit' || o.id === target?.orgId} placeholder="选择单位" data-testid="cross-checker-org" />
    </Modal>
  );
}
