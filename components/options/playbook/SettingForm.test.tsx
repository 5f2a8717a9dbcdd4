// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '@/components/common/i18n';
import { DEFAULT_CONTACT_POLICY, type ContactPolicy } from '@/lib/contact';
import { db } from '@/lib/db/database';
import { MANAGED_STATE_KEY, readPlaybook } from '@/lib/db/playbook-edit';
import { SaveBar, useSettingForm } from './SettingForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function PolicyForm({ saved }: { saved: ContactPolicy }) {
  const form = useSettingForm('contactPolicy', saved);
  return (
    <>
      <button
        type="button"
        data-testid="edit"
        onClick={() => form.change({ ...form.draft, marketingCap: { ...form.draft.marketingCap, count: 3 } })}
      />
      <button
        type="button"
        data-testid="break"
        onClick={() => form.change({ ...form.draft, marketingCap: { ...form.draft.marketingCap, count: -1 } })}
      />
      <span data-testid="count">{form.draft.marketingCap.count}</span>
      <SaveBar
        editable
        dirty={form.dirty}
        onSave={form.save}
        onRevert={form.reset}
        status={form.status}
        saveTestId="save"
        statusTestId="status"
      />
    </>
  );
}

let root: Root;
let host: HTMLDivElement;
beforeEach(async () => {
  await db().settings.clear();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const $ = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
async function click(id: string) {
  await act(async () => {
    $(id)!.click();
    await new Promise((r) => setTimeout(r, 50));
  });
}

describe('a playbook setting form', () => {
  it('saves a valid draft, says why an invalid one is not saved, and keeps the draft when a policy locks the setting', async () => {
    act(() =>
      root.render(
        <LocaleProvider locale="zh-CN">
          <PolicyForm saved={DEFAULT_CONTACT_POLICY} />
        </LocaleProvider>,
      ),
    );
    expect($('save')!.hasAttribute('disabled')).toBe(true);
    await click('edit');
    await click('save');
    expect($('status')!.textContent).toBe('已保存');
    expect((await readPlaybook(db())).contactPolicy.marketingCap.count).toBe(3);

    await click('break');
    await click('save');
    expect($('status')!.className).toBe('ws-error');
    expect((await readPlaybook(db())).contactPolicy.marketingCap.count).toBe(3);

    // The administrator's policy locks the setting: the save is refused in words, the draft stays.
    await db().settings.put({
      key: MANAGED_STATE_KEY,
      value: {
        name: 'HQ',
        exportedAt: 1,
        appliedAt: 1,
        checksum: 'x',
        lockedSettings: ['contactPolicy'],
        templates: [],
        coupons: [],
        couponRules: [],
      },
      updatedAt: 1,
    });
    await click('edit');
    await click('save');
    expect($('status')!.textContent).toContain('管理员的策略锁定了这项设置');
    expect($('count')!.textContent).toBe('3');
  });
});
