import type { KeyboardEvent } from 'react';
import { canSend, MAX_LENGTH, textLength } from '../state';
import type { InputKind } from '../url';
import { RichEditor } from './RichEditor';
import { ToolIcons } from './ToolIcons';

interface Props {
  kind: InputKind;
  conversationId: string;
  draft: string;
  onDraft: (text: string) => void;
  onSend: () => void;
}

const PLACEHOLDER = '输入消息，Enter 发送，Shift+Enter 换行';

export function Composer({ kind, conversationId, draft, onDraft, onSend }: Props) {
  const length = textLength(draft);
  const send = () => {
    if (canSend(draft)) onSend();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <div className="composer">
      <ToolIcons />
      {kind === 'textarea' ? (
        <textarea
          key={conversationId}
          className="editor"
          data-testid="chat-input"
          aria-label="输入消息"
          placeholder={PLACEHOLDER}
          value={draft}
          onChange={(e) => onDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
      ) : (
        <RichEditor key={conversationId} value={draft} placeholder={PLACEHOLDER} onChange={onDraft} onEnter={send} />
      )}
      <div className="composer-foot">
        <span className={`counter${length > MAX_LENGTH ? ' over' : ''}`} data-testid="char-count">
          {length}/{MAX_LENGTH}
        </span>
        <button type="button" className="send" data-testid="send" disabled={!canSend(draft)} onClick={send}>
          发送
        </button>
      </div>
    </div>
  );
}
