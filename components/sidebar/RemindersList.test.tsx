// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '@/components/common/i18n';
import type { UiLocale } from '@/lib/schemas/common';
import type { Reminder } from '@/lib/reminders';
import { RemindersList, type ReminderTeam } from './RemindersList';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const now = Date.now();
const reminder = (id: string, owner?: string): Reminder => ({
  id,
  buyerId: 'taobao:小鹿',
  nick: '小鹿',
  platform: 'taobao',
  kind: 'manual',
  dueAt: now - 60_000,
  createdAt: now - 3_600_000,
  source: 'manual',
  note: '回访尺码',
  status: 'pending',
  updatedAt: now,
  ...(owner ? { owner } : {}),
});
const members = [
  { id: 'm-a', name: '小王', revoked: false },
  { id: 'm-b', name: '小李', revoked: false },
  { id: 'm-c', name: '老张', revoked: true },
];

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function show(reminders: Reminder[], team: ReminderTeam | null, locale: UiLocale = 'zh-CN') {
  act(() => {
    root.render(
      <LocaleProvider locale={locale}>
        <RemindersList
          due={reminders}
          upcoming={[]}
          now={now}
          timeZone="Asia/Shanghai"
          onAct={() => {}}
          showBuyer={false}
          team={team}
        />
      </LocaleProvider>,
    );
  });
}

const item = (id: string) => host.querySelector<HTMLElement>(`[data-reminder-id="${id}"]`)!;

describe('RemindersList in a team', () => {
  it("shows each reminder's owner by name; take makes me the owner; hand over offers the other members (not revoked)", () => {
    const onOwner = vi.fn();
    show([reminder('r1'), reminder('r2', 'm-b'), reminder('r3', 'm-a')], { me: 'm-a', members, onOwner });
    expect(item('r1').querySelector('[data-testid="reminder-owner"]')!.textContent).toBe('负责人：未分配');
    expect(item('r2').querySelector('[data-testid="reminder-owner"]')!.textContent).toBe('负责人：小李');
    expect(item('r3').querySelector('[data-testid="reminder-owner"]')!.textContent).toBe('负责人：我');
    // Mine already: no "take".
    expect(item('r3').querySelector('[data-testid="reminder-take"]')).toBeNull();

    act(() => item('r2').querySelector<HTMLButtonElement>('[data-testid="reminder-take"]')!.click());
    expect(onOwner).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'r2' }), 'm-a');

    const select = item('r1').querySelector<HTMLSelectElement>('[data-testid="reminder-handover"]')!;
    expect(select.getAttribute('aria-label')).toBe('把这条提醒转交给团队成员');
    expect([...select.options].map((o) => o.textContent)).toEqual(['转交给…', '小李']);
    act(() => {
      select.value = 'm-b';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onOwner).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'r1' }), 'm-b');
    // Owned by the only other member: nobody else to hand it to.
    expect(item('r2').querySelector('[data-testid="reminder-handover"]')).toBeNull();
  });

  it('speaks English, and shows no owner controls outside a team', () => {
    show([reminder('r1', 'm-gone')], { me: 'm-a', members, onOwner: () => {} }, 'en');
    expect(item('r1').querySelector('[data-testid="reminder-owner"]')!.textContent).toBe('Owner: another member');
    expect(item('r1').querySelector('[data-testid="reminder-take"]')!.textContent).toBe('Take it');
    show([reminder('r1')], null);
    expect(host.querySelector('[data-testid="reminder-owner"]')).toBeNull();
  });
});
