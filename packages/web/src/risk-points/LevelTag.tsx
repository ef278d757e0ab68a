import { Tag } from 'antd';

/** A risk level in its matrix colour. */
export function LevelTag({ name, color, testId }: { name: string; color: string; testId?: string }) {
  return (
    <Tag color={color} style={{ fontWeight: 600 }} data-testid={testId} data-color={color}>
      {name}
    </Tag>
  );
}
