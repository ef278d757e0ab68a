import { levelDef, levelOf, type RiskMatrixDefinition } from '@qingfeng/core';

/** The matrix drawn as a table: likelihood rows (highest first) × impact columns, each cell in its level's colour. */
export function MatrixGrid({ def, testId }: { def: RiskMatrixDefinition; testId?: string }) {
  const rows = [...def.likelihood].sort((a, b) => b.value - a.value);
  return (
    <table className="qf-matrix" data-testid={testId} style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th style={{ padding: 6, textAlign: 'left' }}>发生概率 ＼ 危害程度</th>
          {def.impact.map((i, n) => (
            <th key={n} style={{ padding: 6, fontWeight: 500 }}>
              {i.value}
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{i.label}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((l, n) => (
          <tr key={n}>
            <th style={{ padding: 6, textAlign: 'left', fontWeight: 500 }}>
              {l.value} {l.label}
            </th>
            {def.impact.map((i, m) => {
              const r = levelOf(def, l.value, i.value);
              const d = r ? levelDef(def, r.level) : undefined;
              return (
                <td key={m} style={{ padding: 6, textAlign: 'center', color: '#fff', background: d?.color ?? '#d9d9d9', border: '2px solid #fff' }}>
                  {d?.name ?? '—'}
                  {r?.score != null && <div style={{ fontSize: 12, opacity: 0.85 }}>D={r.score}</div>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
