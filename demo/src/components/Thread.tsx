import { useLayoutEffect, useRef } from 'react';
import { CATEGORY_NAMES } from '../../../lib/demo/catalog';
import type { ChatConversation, ChatMessage } from '../state';
import { Avatar } from './Avatar';

const CATEGORY_GLYPH = { clothing: '衣', cosmetics: '妆', baby: '婴' } as const;

function ProductCard({ message }: { message: ChatMessage }) {
  const card = message.card!;
  return (
    <div className="card" data-testid="product-card" data-product-id={card.productId}>
      <span className="card-img" style={{ background: card.color }} aria-hidden="true">
        {CATEGORY_GLYPH[card.category]}
      </span>
      <span className="card-body">
        <span className="card-title" data-testid="message-text">
          {message.text}
        </span>
        <span className="card-meta">
          <span className="card-price">¥{(card.priceCents / 100).toFixed(2)}</span>
          <span className="card-cat">{CATEGORY_NAMES[card.category]}</span>
        </span>
      </span>
    </div>
  );
}

function MessageRow({
  message,
  conversation,
  agentNick,
}: {
  message: ChatMessage;
  conversation: ChatConversation;
  agentNick: string;
}) {
  const common = { 'data-testid': 'message', 'data-author': message.author, 'data-message-id': message.id };
  if (message.author === 'system') {
    return (
      <div className="msg msg-system" {...common}>
        <span data-testid="message-text">{message.text}</span>
        <time>{message.time}</time>
      </div>
    );
  }
  const mine = message.author === 'agent';
  return (
    <div className={`msg ${mine ? 'msg-agent' : 'msg-buyer'}`} {...common}>
      {!mine && <Avatar name={conversation.nick} size={32} />}
      <div className="msg-col">
        <div className="msg-meta">
          {mine ? agentNick : conversation.nick}
          <time>{message.time}</time>
        </div>
        {message.card ? (
          <ProductCard message={message} />
        ) : (
          <div className="bubble">
            <span data-testid="message-text">{message.text}</span>
          </div>
        )}
      </div>
      {mine && (
        <span className="agent-avatar" aria-hidden="true">
          柚
        </span>
      )}
    </div>
  );
}

export function Thread({ conversation, agentNick }: { conversation: ChatConversation; agentNick: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Stick to the newest message when it arrives or when another conversation opens.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversation.id, conversation.messages.length]);
  return (
    <div className="thread" data-testid="thread" ref={ref} aria-live="polite">
      <div className="thread-start">查看更多历史消息</div>
      {conversation.messages.map((m) => (
        <MessageRow key={m.id} message={m} conversation={conversation} agentNick={agentNick} />
      ))}
    </div>
  );
}
