import { DEMO_PRODUCTS } from '../../../lib/demo/catalog';
import type { PlatformId } from '../platforms';
import type { ChatConversation, DemoOrder } from '../state';
import { OrderPanel } from './OrderPanel';

const HOT = ['c102', 'm201', 'b304', 'c101'].map((id) => DEMO_PRODUCTS.find((p) => p.id === id)!);

/** The console's own right-hand panel. It hides when the page gets narrow (e.g. an extension sidebar takes the right side). */
export function SidePanel({
  conversation,
  platform,
  orders,
}: {
  conversation: ChatConversation | null;
  platform: PlatformId;
  orders: readonly DemoOrder[];
}) {
  const viewed = conversation ? conversation.messages.filter((m) => m.card).map((m) => m.card!) : [];
  return (
    <aside className="side-panel" aria-label="商品与足迹">
      <div className="side-tabs">
        <span className="active">商品</span>
        <span>订单</span>
        <span>足迹</span>
      </div>
      {conversation && <OrderPanel platform={platform} orders={orders} />}
      <section className="side-products">
        <h3>买家咨询的商品</h3>
        {viewed.length === 0 ? (
          <p className="muted">本次会话还没有发送商品</p>
        ) : (
          viewed.map((card, i) => (
            <div className="mini-card" key={`${card.productId}-${i}`}>
              <span className="mini-img" style={{ background: card.color }} />
              <span className="mini-title">{card.title}</span>
              <span className="mini-price">¥{(card.priceCents / 100).toFixed(2)}</span>
            </div>
          ))
        )}
      </section>
      <section className="side-products">
        <h3>店铺热卖</h3>
        {HOT.map((p) => (
          <div className="mini-card" key={p.id}>
            <span className="mini-img" style={{ background: p.color }} />
            <span className="mini-title">{p.title}</span>
            <span className="mini-price">¥{(p.priceCents / 100).toFixed(2)}</span>
          </div>
        ))}
      </section>
    </aside>
  );
}
