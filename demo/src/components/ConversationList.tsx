import { useState } from 'react';
import { previewOf, type ChatConversation } from '../state';
import { Avatar } from './Avatar';

interface Props {
  conversations: ChatConversation[];
  activeBuyerId: string | null;
  onOpen: (buyerId: string) => void;
}

/** Today's messages show the time; older ones the date, as chat lists do. */
function listTime(label: string | undefined): string {
  if (!label) return '';
  return label.length > 5 ? label.slice(0, 5) : label;
}

export function ConversationList({ conversations, activeBuyerId, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const shown = query.trim()
    ? conversations.filter((c) => c.nick.toLowerCase().includes(query.trim().toLowerCase()))
    : conversations;
  const unreadChats = conversations.filter((c) => c.unread > 0).length;
  return (
    <aside className="conv-panel" aria-label="会话列表">
      <div className="conv-search">
        <input
          type="search"
          placeholder="搜索联系人"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="搜索联系人"
        />
      </div>
      <div className="conv-tabs" role="tablist">
        <span role="tab" aria-selected="true" className="conv-tab active">
          当前会话 <em>{conversations.length}</em>
        </span>
        <span role="tab" aria-selected="false" className="conv-tab">
          未回复 <em>{unreadChats}</em>
        </span>
      </div>
      <ul className="conv-list" data-testid="conversation-list">
        {shown.map((c) => {
          const last = c.messages[c.messages.length - 1];
          return (
            <li
              key={c.id}
              className={`conv-row${c.buyerId === activeBuyerId ? ' active' : ''}`}
              data-testid="conversation"
              data-buyer-id={c.buyerId}
              aria-current={c.buyerId === activeBuyerId ? 'true' : undefined}
              onClick={() => onOpen(c.buyerId)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onOpen(c.buyerId);
              }}
              tabIndex={0}
            >
              <span className="conv-avatar">
                <Avatar name={c.nick} size={38} />
                {c.unread > 0 && (
                  <span className="badge" data-testid="unread-badge">
                    {c.unread > 99 ? '99+' : c.unread}
                  </span>
                )}
              </span>
              <span className="conv-main">
                <span className="conv-top">
                  <span className="conv-nick" data-testid="conversation-nick">
                    {c.nick}
                  </span>
                  <span className="conv-time">{listTime(last?.time)}</span>
                </span>
                <span className={`conv-preview${c.unread > 0 ? ' unread' : ''}`}>{previewOf(c)}</span>
              </span>
            </li>
          );
        })}
        {shown.length === 0 && <li className="conv-empty">没有找到联系人</li>}
      </ul>
    </aside>
  );
}
