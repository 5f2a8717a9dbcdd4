import { useState, type KeyboardEvent } from 'react';
import { useT } from '@/components/common/i18n';
import type { HubApi } from './useHub';
import { useViewPart } from './useViewPart';

/** Free-text notes and tags that stay on the buyer after the chat closes. */
export function NotesPanel({ hub, buyerId }: { hub: HubApi; buyerId: string }) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [tagDraft, setTagDraft] = useState('');
  const notes = useViewPart(hub, buyerId, 'notes');
  const tags = useViewPart(hub, buyerId, 'tags');
  const setTag = (tag: string, on: boolean) => hub.rpc({ method: 'setTag', buyerId, tag, on });

  // The draft is cleared at once, not when the save answers: an agent typing the next note before
  // then would lose it. A failed save puts the text back if nothing was typed since.
  const saveNote = async () => {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    await hub.rpc({ method: 'addNote', buyerId, text }).catch((error: unknown) => {
      setDraft((now) => (now === '' ? text : now));
      throw error;
    });
  };
  const onNoteKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void saveNote();
    }
  };
  const onTagKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && tagDraft.trim()) {
      e.preventDefault();
      const tag = tagDraft.trim();
      setTagDraft('');
      void setTag(tag, true).catch(() => setTagDraft((now) => (now === '' ? tag : now)));
    }
  };

  return (
    <section className="card notes">
      <h2>{t('sb_notes')}</h2>
      <div className="tags">
        {tags.status === 'ready' &&
          tags.value.map((tag) => (
            <span className="tag" key={tag.id} data-testid="buyer-tag">
              <span className="tag-text">{tag.tag}</span>
              <button
                type="button"
                className="x"
                aria-label={t('sb_removeTag', { tag: tag.tag })}
                onClick={() => void setTag(tag.tag, false)}
              >
                ×
              </button>
            </span>
          ))}
        <input
          className="tag-input"
          value={tagDraft}
          maxLength={40}
          placeholder={t('sb_tagPlaceholder')}
          onChange={(e) => setTagDraft(e.target.value)}
          onKeyDown={onTagKey}
          data-testid="tag-input"
        />
      </div>
      <textarea
        className="note-input"
        data-testid="note-input"
        rows={2}
        value={draft}
        maxLength={5000}
        placeholder={t('sb_notePlaceholder')}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onNoteKey}
      />
      {notes.status === 'ready' && notes.value.length > 0 && (
        <ul className="note-list">
          {notes.value.map((n) => (
            <li key={n.id} data-testid="note-item">
              <p className="note-text">{n.text}</p>
              <span className="meta">
                {n.author} · {new Date(n.createdAt).toLocaleString()}
                <button type="button" className="link" onClick={() => void hub.rpc({ method: 'deleteNote', id: n.id })}>
                  {t('sb_deleteNote')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
