import { Select } from 'antd';
import { useRequest } from '../shared/useRequest';
import { warningsApi } from '../warnings/api';

/** Picks warnings of the user's scope by 文号 and subject (the newest 200). */
export function WarningPicker({ value, onChange, testId }: { value?: number[]; onChange?: (v: number[]) => void; testId: string }) {
  const list = useRequest(() => warningsApi.list({ pageSize: 200 }), []);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={list.loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择预警"
      data-testid={testId}
      options={(list.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.serialNo} ${w.levelName} ${w.subjectName}` }))}
    />
  );
}
