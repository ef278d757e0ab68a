import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';

interface Props {
  /** The applied search term (e.g. from the URL). */
  value?: string;
  /** Called 300 ms after typing stops, and at once on Enter or clear. */
  onSearch: (term: string) => void;
  placeholder?: string;
  width?: number | string;
  testId?: string;
}

/** A search box that searches as you type; its data-testid is on the <input> itself. */
export function SearchInput({ value = '', onSearch, placeholder, width = 240, testId }: Props) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const last = useRef(value);
  useEffect(() => {
    last.current = value;
    setText(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const fire = (term: string) => {
    clearTimeout(timer.current);
    if (term.trim() === last.current) return;
    last.current = term.trim();
    onSearch(term.trim());
  };

  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
      placeholder={placeholder}
      value={text}
      style={{ width }}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        clearTimeout(timer.current);
        if (!v) fire('');
        else timer.current = setTimeout(() => fire(v), 300);
      }}
      onPressEnter={() => fire(text)}
      data-testid={testId}
    />
  );
}
