import { describe, expect, it } from 'vitest';
import { productAskedAbout } from './product';

const messages = [
  { id: 'm1', author: 'buyer' },
  { id: 'm2', author: 'buyer' },
  { id: 'm3', author: 'agent' },
  { id: 'm4', author: 'buyer' },
  { id: 'm5', author: 'buyer' },
];
const coat = {
  id: '6234567890',
  title: '羊毛混纺大衣 米白 M',
  url: 'https://item.taobao.com/item.htm?id=6234567890',
  messageId: 'm1',
};
const scarf = { id: '6230000001', title: '羊绒围巾 燕麦色', messageId: 'm4' };

describe('the product a buyer is asking about', () => {
  it('is the last product card at or before the buyer’s message', () => {
    expect(productAskedAbout(messages, [coat, scarf], 'm2')).toEqual({
      id: '6234567890',
      title: '羊毛混纺大衣 米白 M',
      url: coat.url,
    });
    expect(productAskedAbout(messages, [coat, scarf], 'm4')).toEqual({ id: '6230000001', title: '羊绒围巾 燕麦色' });
    expect(productAskedAbout(messages, [coat, scarf], 'm5')?.title).toBe('羊绒围巾 燕麦色');
  });

  it('is none before the first card, or in a conversation without cards', () => {
    expect(productAskedAbout(messages, [scarf], 'm2')).toBeNull();
    expect(productAskedAbout(messages, [], 'm2')).toBeNull();
    expect(productAskedAbout(messages, undefined, 'm2')).toBeNull();
  });

  it('counts a card whose message scrolled out as earlier, and without a message takes the last card', () => {
    const old = { id: null, title: '加绒打底裤', messageId: 'm0' };
    expect(productAskedAbout(messages, [old], 'm1')).toEqual({ id: null, title: '加绒打底裤' });
    expect(productAskedAbout(messages, [coat, scarf])?.title).toBe('羊绒围巾 燕麦色');
  });
});
