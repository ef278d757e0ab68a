import { TALK_CLASS_LABELS, type TalkClass } from '@qingfeng/core';
import { Tag, Tooltip } from 'antd';

const COLORS: Record<TalkClass, string> = { A: 'red', B: 'orange', C: 'blue' };

/** 分级谈话 class: the short letter, the full meaning on hover. */
export function TalkClassTag({ value }: { value: TalkClass }) {
  return (
    <Tooltip title={TALK_CLASS_LABELS[value]}>
      <Tag color={COLORS[value]} style={{ marginInlineEnd: 0 }}>
        {value}类
      </Tag>
    </Tooltip>
  );
}

export const TALK_CLASS_OPTIONS = (Object.keys(TALK_CLASS_LABELS) as TalkClass[]).map((k) => ({ value: k, label: TALK_CLASS_LABELS[k] }));
