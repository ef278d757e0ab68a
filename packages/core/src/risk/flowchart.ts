// 权力运行流程图 [002]: the steps of a power, who does what within which time limit, linked by
// "next" arrows. A flowchart is usable when it has one start, every arrow lands on a step, and every
// step can be reached from the start.

export interface FlowStep {
  key: string;
  name: string;
  actor: string;
  timeLimitDays: number | null;
  next: string[];
}

export interface FlowIssue {
  field: string;
  message: string;
}

export function validateFlowchart(steps: readonly FlowStep[]): FlowIssue[] {
  const issues: FlowIssue[] = [];
  if (steps.length === 0) return [{ field: 'steps', message: '流程图至少需要一个步骤' }];
  const byKey = new Map<string, number>();
  steps.forEach((s, i) => {
    if (byKey.has(s.key)) issues.push({ field: `steps.${i}.key`, message: `第 ${i + 1} 步的编号「${s.key}」重复` });
    else byKey.set(s.key, i);
  });
  steps.forEach((s, i) =>
    s.next.forEach((n, j) => {
      if (!byKey.has(n)) issues.push({ field: `steps.${i}.next.${j}`, message: `第 ${i + 1} 步「${s.name}」指向的步骤「${n}」不存在（悬空连线）` });
      if (n === s.key) issues.push({ field: `steps.${i}.next.${j}`, message: `第 ${i + 1} 步「${s.name}」不能指向自身` });
    }),
  );
  if (issues.length) return issues;
  const incoming = new Set(steps.flatMap((s) => s.next));
  const starts = steps.filter((s) => !incoming.has(s.key));
  if (starts.length !== 1) {
    return [{ field: 'steps', message: starts.length === 0 ? '流程图没有起始步骤（每个步骤都有前序步骤）' : `流程图只能有一个起始步骤，现有 ${starts.length} 个：${starts.map((s) => `「${s.name}」`).join('、')}` }];
  }
  if (!steps.some((s) => s.next.length === 0)) issues.push({ field: 'steps', message: '流程图没有结束步骤' });
  const reached = new Set(layers(steps, starts[0]!.key).keys());
  steps.forEach((s, i) => {
    if (!reached.has(s.key)) issues.push({ field: `steps.${i}`, message: `第 ${i + 1} 步「${s.name}」无法从起始步骤到达（悬空步骤）` });
  });
  return issues;
}

/** Breadth-first depth of each step reachable from the start. */
function layers(steps: readonly FlowStep[], start: string): Map<string, number> {
  const next = new Map(steps.map((s) => [s.key, s.next]));
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const k = queue.shift()!;
    for (const n of next.get(k) ?? []) {
      if (!depth.has(n)) {
        depth.set(n, depth.get(k)! + 1);
        queue.push(n);
      }
    }
  }
  return depth;
}

/** Positions for drawing a valid flowchart top-down: row = depth from the start, column within the row. */
export function layoutFlowchart(steps: readonly FlowStep[]): { key: string; row: number; col: number }[] {
  const incoming = new Set(steps.flatMap((s) => s.next));
  const start = steps.find((s) => !incoming.has(s.key));
  if (!start) return steps.map((s, i) => ({ key: s.key, row: i, col: 0 }));
  const depth = layers(steps, start.key);
  const cols = new Map<number, number>();
  return steps.map((s) => {
    const row = depth.get(s.key) ?? 0;
    const col = cols.get(row) ?? 0;
    cols.set(row, col + 1);
    return { key: s.key, row, col };
  });
}
