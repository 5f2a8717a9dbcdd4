import type { ChatConversation } from '../state';
import { Avatar } from './Avatar';

export function ChatHeader({ conversation, channel }: { conversation: ChatConversation; channel: string }) {
  return (
    <header className="chat-header">
      <div className="current-buyer" data-testid="current-buyer" data-buyer-id={conversation.buyerId}>
        <Avatar name={conversation.nick} size={36} />
        <div>
          <div className="current-nick" data-testid="current-buyer-nick">
            {conversation.nick}
          </div>
          <div className="current-sub">{channel} · 正在咨询</div>
        </div>
      </div>
      <div className="chat-actions" aria-hidden="true">
        <span className="ghost">转交</span>
        <span className="ghost">加入黑名单</span>
        <span className="ghost danger">结束会话</span>
      </div>
    </header>
  );
}
