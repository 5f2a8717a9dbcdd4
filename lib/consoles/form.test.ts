import { describe, expect, it } from 'vitest';
import { parseCustomConsole } from './custom';
import { emptyForm, formFromConsole, formToInput, newConsoleId, type ConsoleForm } from './form';

function filled(): ConsoleForm {
  const form = emptyForm();
  return {
    ...form,
    name: 'Lazada 聊天',
    patterns: ' https://sellercenter.lazada.sg/apps/im/*\n\nhttps://sellercenter.lazada.com.my/apps/im/*  ',
    example: 'https://sellercenter.lazada.sg/apps/im/chat',
    selectors: {
      ...form.selectors,
      ready: '.im',
      buyerNick: '.buyer',
      messageRow: '.msg',
      messageText: '.text',
      authorBuyer: '.left',
      authorAgent: '.right',
      input: 'textarea',
    },
    buyerNickAttr: ' title ',
  };
}

describe('the custom-console form', () => {
  it('turns what the supervisor typed into a console the schema accepts, one pattern per line', () => {
    const parsed = parseCustomConsole(formToInput(filled(), 'custom-abc'));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.matches).toEqual([
      'https://sellercenter.lazada.sg/apps/im/*',
      'https://sellercenter.lazada.com.my/apps/im/*',
    ]);
    expect(parsed.data?.selectors.buyerNick).toEqual({ selector: '.buyer', attr: 'title' });
  });

  it('leaves empty optional fields out instead of storing empty selectors', () => {
    const input = formToInput(filled(), 'custom-abc') as { selectors: Record<string, unknown> };
    expect(Object.keys(input.selectors)).not.toContain('buyerId');
    expect(Object.keys(input.selectors)).not.toContain('sendButton');
  });

  it('shows a saved console again as the form it came from', () => {
    const parsed = parseCustomConsole(formToInput(filled(), 'custom-abc'));
    if (!parsed.success) throw new Error('not valid');
    const again = formFromConsole(parsed.data);
    expect(again.selectors.messageRow).toBe('.msg');
    expect(again.buyerNickAttr).toBe('title');
    expect(again.patterns.split('\n')).toEqual(parsed.data.matches);
    expect(parseCustomConsole(formToInput(again, 'custom-abc')).data).toEqual(parsed.data);
  });

  it('gives a new console an id no other console has', () => {
    const first = newConsoleId(new Set(), 1_700_000_000_000);
    expect(newConsoleId(new Set([first]), 1_700_000_000_000)).not.toBe(first);
    expect(first).toMatch(/^[a-z0-9][a-z0-9_-]{0,47}$/);
  });

  it('carries the optional order panel and product cards, and leaves them out when empty (issue 19)', () => {
    const form: ConsoleForm = {
      ...filled(),
      orderPanel: {
        ...emptyForm().orderPanel,
        row: '.order-card',
        orderId: '.sn',
        status: '.state',
        amount: ' .money ',
      },
      orderIdAttr: '',
      productCards: { card: '.goods', title: '.goods-name', id: 'a' },
      productIdAttr: 'href',
      productIdParam: 'itemId',
    };
    const parsed = parseCustomConsole(formToInput(form, 'custom-abc'));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    expect(parsed.data.orderPanel).toEqual({
      row: '.order-card',
      orderId: { selector: '.sn' },
      status: { selector: '.state' },
      amount: { selector: '.money' },
    });
    expect(parsed.data.productCards).toEqual({
      card: '.goods',
      title: { selector: '.goods-name' },
      id: { selector: 'a', attr: 'href' },
      idParam: 'itemId',
    });
    expect(parseCustomConsole(formToInput(formFromConsole(parsed.data), 'custom-abc')).data).toEqual(parsed.data);
    const plain = formToInput(filled(), 'custom-abc') as Record<string, unknown>;
    expect(plain).not.toHaveProperty('orderPanel');
    expect(plain).not.toHaveProperty('productCards');
  });

  it('refuses an order panel selector that is no selector, naming the order panel', () => {
    const form: ConsoleForm = {
      ...filled(),
      orderPanel: { ...emptyForm().orderPanel, row: '.order-card', status: 'div[' },
    };
    const parsed = parseCustomConsole(formToInput(form, 'custom-abc'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['orderPanel.status.selector']);
  });
});
