/** The product mark: 清风 in a seal, with the platform's name. */
export function Brand({ size = 'normal', collapsed = false }: { size?: 'normal' | 'large'; collapsed?: boolean }) {
  return (
    <div className={`qf-brand qf-brand-${size}`}>
      <span className="qf-brand-seal" aria-hidden>
        清
      </span>
      {!collapsed && (
        <span className="qf-brand-text">
          <span className="qf-brand-name">清风</span>
          <span className="qf-brand-product">廉政风险防控预警平台</span>
        </span>
      )}
    </div>
  );
}
