import type { ReactNode } from 'react';

export function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value" data-testid={testId}>
        {value}
      </strong>
      {hint && <span className="kpi-hint">{hint}</span>}
    </div>
  );
}

export function Card({
  title,
  sub,
  tools,
  children,
}: {
  title: string;
  sub?: string;
  tools?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="ws-card dash-card">
      <div className="ws-card-head">
        <h2>{title}</h2>
        <span className="spacer" />
        {tools}
      </div>
      {sub && <p className="ws-card-sub">{sub}</p>}
      {children}
    </section>
  );
}
