// 001: graded talks — A by a standing member of the commission or the discipline-group leader,
// B by the leader in charge, C by the unit's discipline officer.
export const TALK_CLASSES = ['A', 'B', 'C'] as const;
export type TalkClass = (typeof TALK_CLASSES)[number];

export const TALK_CLASS_LABELS: Record<TalkClass, string> = {
  A: 'A类（纪委常委或纪检组长谈话）',
  B: 'B类（分管领导谈话）',
  C: 'C类（单位纪检负责人谈话）',
};
