import { platformLook, type PlatformId } from './platforms';

/**
 * The console's URL contract:
 *   ?buyer=<id>            open that conversation
 *   &nick=<nick>           …and create it with this nick when the demo data does not have it
 *   ?platform=taobao|pinduoduo|douyin|jd|shopee   look of the console (default taobao)
 *   ?input=textarea|contenteditable              kind of message editor (default textarea)
 *   ?script=off            no scripted buyer messages (deterministic tests)
 *   &orders=<id1>,<id2>    with `buyer`: that buyer's order panel lists these orders (paid)
 */
export type InputKind = 'textarea' | 'contenteditable';

export interface ConsoleParams {
  buyer: string | null;
  nick: string | null;
  platform: PlatformId;
  input: InputKind;
  script: boolean;
  /** Order ids the open buyer's order panel lists (`?orders=`). */
  orders: string[];
}

export function parseParams(search: string): ConsoleParams {
  const q = new URLSearchParams(search);
  return {
    buyer: q.get('buyer') || null,
    nick: q.get('nick') || null,
    platform: platformLook(q.get('platform')).id,
    input: q.get('input') === 'contenteditable' ? 'contenteditable' : 'textarea',
    script: q.get('script') !== 'off',
    orders: (q.get('orders') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id))
      .slice(0, 50),
  };
}

/** The URL for showing `buyer`, keeping every other parameter. `nick` is kept only when it differs from the id. */
export function urlForBuyer(href: string, buyer: string, nick: string): string {
  const url = new URL(href);
  url.searchParams.set('buyer', buyer);
  if (nick !== buyer) url.searchParams.set('nick', nick);
  else url.searchParams.delete('nick');
  return `${url.pathname}${url.search}${url.hash}`;
}
