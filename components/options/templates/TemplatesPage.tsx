import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import { readPlaybook, saveTemplateEdit, saveTemplateOrder, type Stored } from '@/lib/db/playbook-edit';
import { blankTemplate, duplicateTemplate, folderTree, moveInFolder, newTemplateId, nextOrder } from '@/lib/playbook';
import type { AppSettings } from '@/lib/settings/app';
import { createTemplateSearchIndex, type Template } from '@/lib/templates';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { EMPTY_FILTER, filterTemplates, passes, type TemplateFilter } from './filters';
import { TemplateEditor } from './TemplateEditor';
import { TemplateFilters, TemplateItems } from './TemplateList';
import './templates.css';

/** The template library: find, sort and edit what agents insert. */
export function TemplatesPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const access = useEditAccess();
  const data = useLiveQuery(() => readPlaybook(db()), []);
  const [filter, setFilter] = useState<TemplateFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Template | null>(null);
  const dirty = useRef(false);
  const onDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  useEffect(() => {
    // The background seeds on install; a page opened first (or a cleared database) seeds here.
    void db()
      .templates.count()
      .then((n) => (n === 0 ? seedPlaybook(db(), Date.now()) : null));
  }, []);

  const all: Stored<Template>[] = useMemo(() => (data.status === 'ready' ? data.value.templates : []), [data]);
  const live = useMemo(() => all.filter((x) => x.deletedAt === undefined), [all]);
  const index = useMemo(() => createTemplateSearchIndex(live), [live]);
  const now = Date.now();
  const shown = useMemo(() => filterTemplates(live, index, filter, now), [live, index, filter, now]);
  const folders = useMemo(() => folderTree(live), [live]);
  const counts = (folder: string | null) => live.filter((x) => passes(x, { ...filter, folder }, now)).length;

  if (data.status !== 'ready') return <EditGate />;
  const { taxonomy, coupons } = data.value;
  // Open the first template at first, so the page shows an editor rather than an empty pane.
  const shownId = selected ?? (fresh ? null : (shown[0]?.id ?? null));
  const saved = shownId ? (all.find((x) => x.id === shownId) ?? null) : null;
  // A new template stays on screen from its draft until the stored row arrives.
  const current = saved ?? (fresh && fresh.id === shownId ? fresh : null);

  const leave = () => !dirty.current || confirm(t('ws_tpl_discard'));
  const select = (id: string) => {
    if (id === shownId || !leave()) return;
    setFresh(null);
    setSelected(id);
  };
  const create = () => {
    if (!leave()) return;
    const folder = filter.folder ?? '';
    const draft = blankTemplate(
      newTemplateId(Date.now()),
      folder,
      nextOrder(live, folder),
      settings.agentName,
      Date.now(),
    );
    setFresh(draft);
    setSelected(draft.id);
  };
  const duplicate = async (source: Template) => {
    if (!leave()) return;
    const now2 = Date.now();
    const copy = duplicateTemplate(
      source,
      newTemplateId(now2),
      `${source.title} ${t('ws_tpl_copySuffix')}`.slice(0, 80),
      nextOrder(live, source.folder),
      settings.agentName,
      now2,
    );
    const out = await saveTemplateEdit(db(), copy, settings.agentName, now2);
    setFresh(null);
    setSelected(out.id);
  };
  const toggle = (item: Template) =>
    void saveTemplateEdit(db(), { ...item, enabled: !item.enabled }, settings.agentName, Date.now());
  const move = (id: string, dir: -1 | 1) => void saveTemplateOrder(db(), moveInFolder(live, id, dir), Date.now());

  return (
    <div className="ws-page">
      <p className="ws-lead">{t('ws_tpl_lead')}</p>
      <EditGate />
      <div className="tpl-page">
        <aside className="ws-card tpl-list-card">
          <div className="ws-card-head">
            <h2>{t('ws_tpl_library')}</h2>
            <span className="ws-badge">{live.length}</span>
            <span className="spacer" />
            <button
              type="button"
              className="primary small"
              disabled={!access.canEdit}
              onClick={create}
              data-testid="template-new"
            >
              ＋ {t('ws_tpl_newButton')}
            </button>
          </div>
          <TemplateFilters filter={filter} onChange={setFilter} taxonomy={taxonomy} folders={folders} counts={counts} />
          <TemplateItems
            items={shown}
            selected={shownId}
            onSelect={select}
            onMove={move}
            onToggle={toggle}
            canEdit={access.canEdit}
            sortable={!filter.query.trim()}
          />
        </aside>
        {current ? (
          <TemplateEditor
            key={current.id}
            saved={saved}
            initial={current}
            all={live}
            taxonomy={taxonomy}
            settings={settings}
            coupons={coupons}
            canEdit={access.canEdit}
            onDirty={onDirty}
            onSaved={(out) => setSelected(out.id)}
            onDuplicate={(src) => void duplicate(src)}
            onDeleted={() => {
              dirty.current = false;
              setSelected(null);
            }}
          />
        ) : (
          <section className="ws-card tpl-placeholder">
            <p className="ws-empty">{t('ws_tpl_pick')}</p>
          </section>
        )}
      </div>
    </div>
  );
}
