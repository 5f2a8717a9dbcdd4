import { useLocale, useT } from '@/components/common/i18n';
import type { MessageKey } from '@/lib/i18n';
import type { Level } from '@/lib/levels/ladder';
import type { ProfileSettings } from '@/lib/metrics/profile';
import { Rfm8IdSchema, type Rfm8Id } from '@/lib/schemas/buyer';
import { CurrencySelect } from '../MoneySettings';
import { MoneyInput, NumberInput } from '@/components/common/kit';

/** The membership ladder, lowest level first; a buyer gets the highest level they reach. */
export function LadderEditor({
  profile,
  onChange,
  disabled,
}: {
  profile: ProfileSettings;
  onChange: (p: ProfileSettings) => void;
  disabled: boolean;
}) {
  const t = useT();
  const levels = profile.ladder.levels;
  const put = (next: Level[]) => onChange({ ...profile, ladder: { levels: next } });
  const patch = (i: number, p: Partial<Level>) => put(levels.map((l, k) => (k === i ? { ...l, ...p } : l)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...levels];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    put(next);
  };
  return (
    <section className="ws-card" data-testid="ladder-editor">
      <div className="ws-card-head">
        <h2>{t('ws_ladder_title')}</h2>
      </div>
      <p className="ws-card-sub">{t('ws_ladder_help')}</p>
      {/* Wider than the card with a currency beside each threshold: a scrolled region the keyboard can reach, even when every field is locked. */}
      <div className="ladder-wrap" role="region" tabIndex={0} aria-label={t('ws_ladder_title')}>
        <table className="ws-table ladder">
          <thead>
            <tr>
              <th>{t('ws_ladder_id')}</th>
              <th>{t('ws_ladder_name')}</th>
              <th>{t('ws_ladder_nameEn')}</th>
              <th>{t('ws_ladder_minNet')}</th>
              <th>{t('ws_ladder_minOrders')}</th>
              <th>{t('ws_ladder_match')}</th>
              <th>{t('ws_ladder_discount')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {levels.map((l, i) => {
              // Each field says its row and column to a screen reader ("第 2 行：名称").
              const cell = (column: MessageKey) =>
                t('a11y_cell', { row: t('a11y_row', { n: i + 1 }), column: t(column) });
              return (
                <tr key={i} data-testid="ladder-row">
                  <td>
                    <input
                      className="ws-input"
                      style={{ width: 56 }}
                      value={l.id}
                      aria-label={cell('ws_ladder_id')}
                      disabled={disabled}
                      onChange={(e) => patch(i, { id: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="ws-input"
                      style={{ width: 88 }}
                      value={l.name}
                      aria-label={cell('ws_ladder_name')}
                      disabled={disabled}
                      onChange={(e) => patch(i, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="ws-input"
                      style={{ width: 100 }}
                      value={l.nameEn}
                      aria-label={cell('ws_ladder_nameEn')}
                      disabled={disabled}
                      onChange={(e) => patch(i, { nameEn: e.target.value })}
                    />
                  </td>
                  <td>
                    <span className="ws-row tight">
                      <MoneyInput
                        cents={l.minNetCents}
                        optional
                        disabled={disabled}
                        onChange={(c) => patch(i, { minNetCents: c })}
                        testId={`ladder-min-net-${i}`}
                        label={cell('ws_ladder_minNet')}
                        currency={l.currency ?? profile.money.shop ?? undefined}
                      />
                      <CurrencySelect
                        value={l.currency}
                        disabled={disabled}
                        onChange={(c) => patch(i, { currency: c })}
                        testId={`ladder-currency-${i}`}
                      />
                    </span>
                  </td>
                  <td>
                    <NumberInput
                      value={l.minPaidOrders}
                      optional
                      min={0}
                      width={52}
                      disabled={disabled}
                      onChange={(n) => patch(i, { minPaidOrders: n })}
                      label={cell('ws_ladder_minOrders')}
                    />
                  </td>
                  <td>
                    <select
                      className="ws-select"
                      value={l.match}
                      aria-label={cell('ws_ladder_match')}
                      disabled={disabled}
                      onChange={(e) => patch(i, { match: e.target.value as Level['match'] })}
                    >
                      <option value="all">{t('ws_ladder_matchAll')}</option>
                      <option value="any">{t('ws_ladder_matchAny')}</option>
                    </select>
                  </td>
                  <td>
                    <NumberInput
                      value={Math.round(l.discount * 1000) / 100}
                      step={0.1}
                      min={1}
                      max={10}
                      width={56}
                      disabled={disabled}
                      onChange={(z) => patch(i, { discount: Math.min(1, Math.max(0.01, (z ?? 10) / 10)) })}
                      label={cell('ws_ladder_discount')}
                    />
                  </td>
                  <td className="row-tools">
                    {!disabled && (
                      <>
                        <button
                          type="button"
                          className="icon"
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                          aria-label={t('ws_tpl_moveUp')}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon"
                          disabled={i === levels.length - 1}
                          onClick={() => move(i, 1)}
                          aria-label={t('ws_tpl_moveDown')}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className="icon"
                          disabled={levels.length === 1}
                          onClick={() => put(levels.filter((_, k) => k !== i))}
                          aria-label={t('ws_delete')}
                        >
                          ×
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!disabled && (
        <button
          type="button"
          className="link small"
          onClick={() =>
            put([
              ...levels,
              {
                id: `VIP${levels.length + 1}`,
                name: '',
                nameEn: '',
                minNetCents: (levels.at(-1)?.minNetCents ?? 0) * 2 || 50_000,
                match: 'all',
                discount: 0.9,
              },
            ])
          }
        >
          ＋ {t('ws_ladder_add')}
        </button>
      )}
    </section>
  );
}

/** Which RFM classes make each layer (黄金 / 重点发展 / 普通 / 低价值 by default). */
export function LayersEditor({
  profile,
  onChange,
  disabled,
}: {
  profile: ProfileSettings;
  onChange: (p: ProfileSettings) => void;
  disabled: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const layers = profile.layers.layers;
  const layerOf = (id: Rfm8Id) => layers.find((l) => l.rfm8.includes(id))?.id ?? '';
  const assign = (rfm8: Rfm8Id, layerId: string) =>
    onChange({
      ...profile,
      layers: {
        layers: layers.map((l) => ({
          ...l,
          rfm8: l.id === layerId ? [...l.rfm8.filter((x) => x !== rfm8), rfm8] : l.rfm8.filter((x) => x !== rfm8),
        })),
      },
    });
  return (
    <div className="layers">
      <h3 className="ws-sub">{t('ws_seg_layers')}</h3>
      <p className="ws-hint">{t('ws_seg_layersHint')}</p>
      <div className="layer-grid">
        {Rfm8IdSchema.options.map((id) => (
          <label key={id} className="layer-row">
            <span>{t(`profile_rfm8_${id}` as MessageKey)}</span>
            <select
              className="ws-select"
              value={layerOf(id)}
              disabled={disabled}
              onChange={(e) => assign(id, e.target.value)}
            >
              {layers.map((l) => (
                <option key={l.id} value={l.id}>
                  {locale === 'en' ? l.nameEn : l.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </div>
  );
}
