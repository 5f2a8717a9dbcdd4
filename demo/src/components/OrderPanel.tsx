import { ORDER_LOOKS, type PlatformId } from '../platforms';
import type { DemoOrder } from '../state';

/**
 * The open buyer's orders, as each console's order tab lists them (issue 19): order number, status,
 * amount, time and tracking, in that console's own words. Rows carry `data-testid="console-order"`
 * and `data-order-id` (the test contract).
 */
export function OrderPanel({ platform, orders }: { platform: PlatformId; orders: readonly DemoOrder[] }) {
  const look = ORDER_LOOKS[platform];
  const money = (cents: number) => `${platform === 'shopee' ? 'RM' : '¥'}${(cents / 100).toFixed(2)}`;
  return (
    <section className="order-panel" data-testid="console-orders" aria-label={look.tab}>
      <h3>{look.tab}</h3>
      {orders.length === 0 ? (
        <p className="muted">{look.empty}</p>
      ) : (
        <ul className="order-rows">
          {orders.map((o) => (
            <li className="order-row" key={o.id} data-testid="console-order" data-order-id={o.id}>
              <p className="order-line">
                <span className="order-label">{look.id}</span>
                <span className="order-no">{o.id}</span>
              </p>
              <p className={`order-status order-${o.status}`}>{look.status[o.status]}</p>
              {o.amountCents !== undefined && (
                <p className="order-line">
                  <span className="order-label">{look.amount}</span>
                  <span className="order-amount">{money(o.amountCents)}</span>
                </p>
              )}
              {o.at && (
                <p className="order-line">
                  <span className="order-label">{look.time}</span>
                  <span className="order-time">{o.at}</span>
                </p>
              )}
              {o.tracking && (
                <p className="order-line">
                  <span className="order-label">{look.tracking}</span>
                  <span className="order-tracking">{o.tracking}</span>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
