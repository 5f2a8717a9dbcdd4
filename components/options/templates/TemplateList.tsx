import { useLocale, useT } from '@/components/common/i18n';
import type { Taxonomy } from '@/lib/concerns';
import type { Stored } from '@/lib/db/playbook-edit';
import type { MessageKey } from '@/lib/i18n';
import { StageIdSchema } from '@/lib/schemas/buyer';
import type { Template } from '@/lib/templates';
import { ago, Icon } from '@/components/common/kit';
import type { TemplateFilter } from './filters';

export function TemplateFilters({
  filter,
  onChange,
  taxonomy,
  folders,
  counts,
}: {
  filter: TemplateFilter;
  onChange: (f: TemplateFilter) => void;
  taxonomy: Taxonomy;
  folders: string[];
  counts: (folder: string | null) => number;
}) {
  const t = useT();
  const locale = useLocale();
  const set = <K extends keyof TemplateFilter>(k: K, v: TemplateFilter[K]) => onChange({ ...filter, [k]: v });
  return (
    <div className="tpl-filters">
      <input
        type="search"
        className="ws-input tpl-search"
        placeholder={t('ws_tpl_search')}
        value={filter.query}
        onChange={(e) => set('query', e.target.value)}
        data-testid="template-search"
      />
      <div className="tpl-filter-grid">
        <select
          className="ws-select"
          value={filter.lang}
          onChange={(e) => set('lang', e.target.value as TemplateFilter['lang'])}
          aria-label={t('ws_filter_lang')}
          data-testid="filter-lang"
        >
          <option value="all">{t('ws_filter_langAll')}</option>
          <option value="zh-TW">{t('ws_filter_hasZhTW')}</option>
          <option value="en">{t('ws_filter_hasEn')}</option>
          <option value="missing">{t('ws_filter_missingLang')}</option>
        </select>
        <select
          className="ws-select"
          value={filter.concern}
          onChange={(e) => set('concern', e.target.value)}
          aria-label={t('ws_filter_concern')}
          data-testid="filter-concern"
        >
          <option value="">{t('ws_filter_concernAll')}</option>
          {taxonomy.concerns.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'en' ? c.names.en : c.names['zh-CN']}
            </option>
          ))}
        </select>
        <select
          className="ws-select"
          value={filter.stage}
          onChange={(e) => set('stage', e.target.value as TemplateFilter['stage'])}
          aria-label={t('ws_filter_stage')}
          data-testid="filter-stage"
        >
          <option value="">{t('ws_filter_stageAll')}</option>
          {StageIdSchema.options.map((s) => (
            <option key={s} value={s}>
              {t(`profile_stage_${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <select
          className="ws-select"
          value={filter.enabled}
          onChange={(e) => set('enabled', e.target.value as TemplateFilter['enabled'])}
          aria-label={t('ws_filter_enabled')}
          data-testid="filter-enabled"
        >
          <option value="all">{t('ws_filter_enabledAll')}</option>
          <option value="on">{t('ws_filter_enabledOn')}</option>
          <option value="off">{t('ws_filter_enabledOff')}</option>
        </select>
      </div>
      <label className="ws-toggle tpl-unused">
        <input
          type="checkbox"
          checked={filter.unused}
          onChange={(e) => set('unused', e.target.checked)}
          data-testid="filter-unused"
        />
        {t('ws_filter_unused')}
      </label>
      <nav className="folder-tree" aria-label={t('ws_tpl_folders')}>
        <button type="button" className={filter.folder === null ? 'on' : ''} onClick={() => set('folder', null)}>
          <span>{t('ws_tpl_allFolders')}</span>
          <span className="count">{counts(null)}</span>
        </button>
        {counts('') > 0 && (
          <button type="button" className={filter.folder === '' ? 'on' : ''} onClick={() => set('folder', '')}>
            <span>{t('ws_tpl_topFolder')}</span>
            <span className="count">{counts('')}</span>
          </button>
        )}
        {folders.map((f) => {
          const depth = f.split('/').length - 1;
          return (
            <button
              key={f}
              type="button"
              className={filter.folder === f ? 'on' : ''}
              style={{ paddingLeft: 10 + depth * 14 }}
              onClick={() => set('folder', f)}
              data-folder={f}
            >
              <span>
                <Icon name="folder" size={12} /> {f.split('/').pop()}
              </span>
              <span className="count">{counts(f)}</span>
            </button>
          );
        })}
      </nav>
    </div>
  );
}

export function TemplateItems({
  items,
  selected,
  onSelect,
  onMove,
  onToggle,
  canEdit,
  sortable,
}: {
  items: readonly Stored<Template>[];
  selected: string | null;
  onSelect: (id: string) => void;
  onMove: (id: string, dir: -1 | 1) => void;
  onToggle: (t: Template) => void;
  canEdit: boolean;
  sortable: boolean;
}) {
  const t = useT();
  const now = Date.now();
  if (items.length === 0) return <p className="ws-empty">{t('ws_tpl_noMatch')}</p>;
  return (
    <ul className="tpl-items" data-testid="template-list">
      {items.map((item, i) => {
        const prevSame = items[i - 1]?.folder === item.folder;
        const nextSame = items[i + 1]?.folder === item.folder;
        const editable = canEdit && !item.locked;
        return (
          <li
            key={item.id}
            className={`${item.id === selected ? 'sel' : ''}${item.enabled ? '' : ' off'}`}
            data-testid="template-item"
            data-template-id={item.id}
          >
            <button type="button" className="tpl-item-main" onClick={() => onSelect(item.id)}>
              <span className="tpl-item-title">
                {item.locked && (
                  <span
                    className="item-lock"
                    aria-label={t('ws_locked')}
                    title={t('ws_locked_hint')}
                    data-testid="template-item-locked"
                  >
                    <Icon name="lock" size={11} />
                  </span>
                )}
                {item.title || t('ws_tpl_untitled')}
              </span>
              <span className="tpl-item-meta">
                {item.shortcut && <code>{item.shortcut}</code>}
                {item.folder && <span>{item.folder}</span>}
                <span title={t('ws_tpl_usageHint')}>
                  {item.usageCount
                    ? `${t('ws_tpl_usedShort', { count: item.usageCount })} · ${ago(item.lastUsedAt, now, t)}`
                    : t('ws_tpl_unused')}
                </span>
              </span>
            </button>
            <span className="tpl-item-tools">
              <input
                type="checkbox"
                checked={item.enabled}
                disabled={!editable}
                title={t('ws_tpl_enabled')}
                aria-label={t('ws_tpl_enabled')}
                onChange={() => onToggle(item)}
                data-testid="template-item-enabled"
              />
              {sortable && editable && (
                <>
                  <button
                    type="button"
                    className="icon"
                    disabled={!prevSame}
                    onClick={() => onMove(item.id, -1)}
                    aria-label={t('ws_tpl_moveUp')}
                    title={t('ws_tpl_moveUp')}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon"
                    disabled={!nextSame}
                    onClick={() => onMove(item.id, 1)}
                    aria-label={t('ws_tpl_moveDown')}
                    title={t('ws_tpl_moveDown')}
                  >
                    ↓
                  </button>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
