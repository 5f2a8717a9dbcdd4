import { Component, Fragment, useState, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '@/components/common/i18n';
import type { MessageKey } from '@/lib/i18n';
import './error-boundary.css';

interface Props {
  /** What the panel is called, in the message ("推荐话术"出错了…). */
  name: MessageKey;
  children: ReactNode;
}

interface State {
  error: Error | null;
  componentStack: string;
  /** Bumped by 重试: the children are mounted afresh (new state, new queries). */
  attempt: number;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e)));
}

/**
 * Keeps one panel's error to that panel: the others go on rendering, the panel says in the user's
 * language what failed, 重试 mounts it again, and the details can be copied for a bug report.
 * React unmounts everything up to the nearest boundary on a render error, so without one a single
 * bad value (a time zone typed wrong) blanks the whole sidebar or options page.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '', attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: asError(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
    console.error(`[huitouke] ${this.props.name}:`, error);
  }

  retry = (): void => this.setState((s) => ({ error: null, componentStack: '', attempt: s.attempt + 1 }));

  override render(): ReactNode {
    const { error, componentStack, attempt } = this.state;
    if (error)
      return <ErrorPanel name={this.props.name} error={error} componentStack={componentStack} onRetry={this.retry} />;
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}

export function errorDetails(error: Error, componentStack: string, panel: string): string {
  const lines = [`${panel}`, `${error.name}: ${error.message}`];
  if (error.stack) lines.push(error.stack);
  if (componentStack.trim()) lines.push(`Components:${componentStack}`);
  lines.push(`${new Date().toISOString()} · ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`);
  return lines.join('\n');
}

/** The boundary's message, also shown by a page whose own data could not be loaded (retry: reload). */
export function ErrorPanel({
  name,
  error,
  componentStack = '',
  onRetry,
}: {
  name: MessageKey;
  error: Error;
  componentStack?: string;
  onRetry: () => void;
}) {
  const t = useT();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const details = errorDetails(error, componentStack, name);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(details);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="htk-error" role="alert" data-testid="error-boundary" data-panel={name}>
      <p className="htk-error-title">{t('eb_failed', { panel: t(name) })}</p>
      <p className="htk-error-message">{error.message}</p>
      <div className="htk-error-actions">
        <button type="button" className="primary" onClick={onRetry} data-testid="error-retry">
          {t('eb_retry')}
        </button>
        <button type="button" className="secondary" onClick={() => void copy()} data-testid="error-copy">
          {t('eb_copy')}
        </button>
        {copied !== 'no' && (
          <span className="htk-error-copied" role="status">
            {t(copied === 'yes' ? 'eb_copied' : 'eb_copyFailed')}
          </span>
        )}
      </div>
      <details open={copied === 'failed'}>
        <summary>{t('eb_details')}</summary>
        <pre data-testid="error-details">{details}</pre>
      </details>
    </div>
  );
}
