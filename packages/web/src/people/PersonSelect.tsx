import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { peopleApi } from './api';

type Option = { value: number; label: string };
type Props = Omit<SelectProps<number | number[]>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> & {
  /** Options to offer before any search (e.g. the talkers the rule allows). */
  initial?: Option[];
};

/** Picks people of the user's scope by name (server-side search), one or several. */
export function PersonSelect({ initial = [], ...props }: Props) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>(initial);
  const initialKey = JSON.stringify(initial);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      peopleApi
        .list({ q: q || undefined, pageSize: 30 })
        .then((page) => {
          if (!live) return;
          const found = page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }));
          const seen = new Set(found.map((o) => o.value));
          setOptions([...initial.filter((o) => !seen.has(o.value)), ...found]);
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, initialKey]);
  return <Select<number | number[]> showSearch={{ filterOption: false, onSearch: setQ }} options={options} placeholder="输入姓名搜索" allowClear {...props} />;
}
