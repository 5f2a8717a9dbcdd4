import { useEffect, useRef } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import type { GuardWarning } from '@/lib/guard';
import { translate, type MessageKey } from '@/lib/i18n';
import type { SuggestionView } from '@/lib/suggestions';
import type { RenderResult, TemplateBlank } from '@/lib/templates';
import { formatTemplateError } from '@/lib/templates';

/** What the agent sees of one suggestion while it is open (blanks, errors, warnings). */
export interface ItemState {
  answers: Record<string, string>;
  blocks: GuardWarning[];
  warns: GuardWarning[];
  /** The warnings were shown once; the next Enter inserts. */
  confirming: boolean;
}

export type { SuggestionView };

function previewOf(render: RenderResult): string | null {
  return render.ok ? render.text : render.preview;
}

function warningText(w: GuardWarning, locale: 'zh-CN' | 'en'): string {
  return translate(locale, w.code as MessageKey, w.params);
}

export function SuggestionItem(props: {
  view: SuggestionView;
  id: string;
  /** The number key (1–9) that picks this suggestion; null past the ninth. */
  pick: number | null;
  active: boolean;
  open: ItemState | null;
  /** Some item of the list is open: the list is a plain list then (a listbox's options cannot hold the blanks' controls). */
  composing: boolean;
  onChoose: () => void;
  onAnswer: (label: string, value: string) => void;
  onClose: () => void;
}) {
  const { view, active, open } = props;
  const t = useT();
  const locale = useLocale();
  const firstBlank = useRef<HTMLInputElement | null>(null);
  const blanks: TemplateBlank[] = view.render.blanks;
  const unanswered = blanks.filter((b) => !b.answered);
  const brokenErrors = view.render.ok ? [] : view.render.errors.filter((e) => e.code !== 'missingAnswer');
  const preview = previewOf(view.render);

  useEffect(() => {
    // Opening an item with blanks puts the caret in the first one still empty, when the keyboard is
    // in the sidebar. Opened from a shortcut typed in the console, the console hands it over (and the
    // panel places it then), so keys the agent goes on typing there are never taken.
    if (open && blanks.length > 0 && !open.confirming && document.hasFocus()) firstBlank.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open !== null]);

  const classes = ['sg-item', active ? 'active' : '', view.capped ? 'capped' : '', open ? 'open' : '']
    .filter(Boolean)
    .join(' ');
  return (
    // Picking: a listbox of options. Composing (an item open with its blanks and buttons): a plain
    // list, since an option cannot hold controls.
    <li
      role={props.composing ? undefined : 'none'}
      className={classes}
      data-testid="suggestion-item"
      data-template-id={view.template.id}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('input, button')) return;
        props.onChoose();
      }}
    >
      <div
        id={props.id}
        role={props.composing ? undefined : 'option'}
        aria-selected={props.composing ? undefined : active}
      >
        <div className="sg-head">
          {props.pick !== null && (
            <kbd className="sg-pick" data-testid="suggestion-pick" aria-hidden="true">
              {props.pick}
            </kbd>
          )}
          <span className="sg-title">{view.template.title}</span>
          {view.couponLabel && (
            <span className="sg-coupon-chip">{t('sg_withCoupon', { label: view.couponLabel })}</span>
          )}
          {view.template.shortcut && <span className="sg-shortcut">{view.template.shortcut}</span>}
        </div>
        {preview !== null ? (
          <p className={`sg-preview${open ? ' full' : ''}`} data-testid="suggestion-preview">
            {preview}
          </p>
        ) : (
          <p className="sg-preview broken">{t('sg_templateBroken')}</p>
        )}
        <p className={`sg-reason${view.capped ? ' capped' : ''}`} data-testid="suggestion-reason">
          {view.reason}
        </p>
      </div>

      {open && (
        <div
          className="sg-compose"
          role="group"
          aria-label={view.template.title}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), props.onClose())}
        >
          {brokenErrors.length > 0 && (
            <ul className="sg-errors" role="alert" data-testid="suggestion-errors">
              {view.needsCouponMissing && <li>{t('sg_needsCoupon')}</li>}
              {brokenErrors.map((e, i) => (
                <li key={i}>{formatTemplateError(e, locale)}</li>
              ))}
            </ul>
          )}
          {blanks.length > 0 && (
            <div className="sg-blanks" data-testid="blank-form">
              {unanswered.length > 0 && <p className="sg-hint">{t('sg_fillBlanks')}</p>}
              {blanks.map((b, i) => (
                <label key={b.label} className="sg-blank">
                  <span>{b.label}</span>
                  <input
                    ref={i === blanks.indexOf(unanswered[0] ?? blanks[0]!) ? firstBlank : undefined}
                    value={open.answers[b.label] ?? ''}
                    data-testid="suggestion-blank"
                    onChange={(e) => props.onAnswer(b.label, e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                        e.preventDefault();
                        e.stopPropagation();
                        props.onChoose();
                      }
                    }}
                  />
                </label>
              ))}
            </div>
          )}
          {open.blocks.length > 0 && (
            <ul className="sg-guard block" role="alert" data-testid="guard-block">
              {open.blocks.map((w, i) => (
                <li key={i}>{warningText(w, locale)}</li>
              ))}
            </ul>
          )}
          {open.warns.length > 0 && (
            <ul className="sg-guard warn" role="status" data-testid="guard-warn">
              {open.warns.map((w, i) => (
                <li key={i}>{warningText(w, locale)}</li>
              ))}
              {open.confirming && <li className="sg-confirm">{t('sg_confirmAgain')}</li>}
            </ul>
          )}
          <div className="sg-actions">
            <button
              type="button"
              className="primary small"
              disabled={brokenErrors.length > 0 || open.blocks.length > 0}
              onClick={props.onChoose}
            >
              {open.confirming ? t('sg_insertAnyway') : t('sg_insert')} ↵
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
