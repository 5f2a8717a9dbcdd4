import type { Layout } from '@/lib/schemas/messages';

export const COLLAPSED_WIDTH = 28;
const HOST_TAG = 'huitouke-sidebar';

/** Inline `!important` declarations beat the page's stylesheets, even its `!important` ones. */
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  top: '0',
  right: '0',
  bottom: 'auto',
  left: 'auto',
  height: '100vh',
  margin: '0',
  padding: '0',
  border: '0',
  transform: 'none',
  opacity: '1',
  visibility: 'visible',
  'z-index': '2147483646',
  'pointer-events': 'auto',
  'box-shadow': '-2px 0 8px rgba(0,0,0,.08)',
  background: '#fff',
};

const SHADOW_CSS = `
  :host { all: initial; }
  .frame { position: absolute; inset: 0 0 0 4px; width: calc(100% - 4px); height: 100%; border: 0; border-left: 1px solid #e5e6eb; background: #fff; }
  .grip { position: absolute; top: 0; left: 0; width: 6px; height: 100%; cursor: ew-resize; z-index: 1; }
  .grip:hover, .grip.dragging { background: rgba(22, 119, 255, .25); }
  .tab { display: none; position: absolute; inset: 0; border: 0; padding: 8px 0; cursor: pointer; background: #ff5000; color: #fff;
         font: 600 13px/1.3 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; writing-mode: vertical-rl; letter-spacing: 2px; }
  :host([data-collapsed]) .frame, :host([data-collapsed]) .grip { display: none; }
  :host([data-collapsed]) .tab { display: block; }
`;

/**
 * A fresh secret for one sidebar frame (128 random bits, hex). The content script puts it in the
 * frame's URL fragment and registers it with the hub; the hub serves only the sidebar that presents
 * it (lib/schemas/messages.ts FrameNonceSchema).
 */
export function newFrameNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface SidebarHost {
  /** The nonce of the frame shown now (a new frame, after the page removed the host, has a new one). */
  nonce(): string;
  setLayout(layout: Layout): void;
  /** Move keyboard focus into the sidebar's frame. */
  focus(): void;
  /** Whether a page event's target is the sidebar (events from inside it are retargeted to the host). */
  holds(target: EventTarget | null): boolean;
  destroy(): void;
}

/**
 * The sidebar's footprint in the console page: a custom element with a closed shadow root holding
 * the extension-page iframe. Buyer data lives only inside the iframe (extension origin), so the
 * page's scripts can see that a sidebar exists but cannot read it. If the page removes or restyles
 * the host, it is put back as it was.
 */
export function mountSidebarHost(opts: {
  /** `runtime.getURL('/sidebar.html')`: the dynamic web-accessible URL only extension contexts know. */
  sidebarUrl: string;
  layout: Layout;
  expandLabel: string;
  onLayoutChange(layout: Layout): void;
  /** The page removed the host, so it comes back with a new frame, and a new nonce to register. */
  onNewFrame(nonce: string): void;
}): SidebarHost {
  let layout = opts.layout;
  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = SHADOW_CSS;
  const frame = document.createElement('iframe');
  frame.className = 'frame';
  // Each frame gets its own nonce, in the URL fragment, which the sidebar page reads.
  let nonce = newFrameNonce();
  frame.src = `${opts.sidebarUrl}#${nonce}`;
  frame.title = opts.expandLabel;
  const grip = document.createElement('div');
  grip.className = 'grip';
  const tab = document.createElement('button');
  tab.className = 'tab';
  tab.textContent = opts.expandLabel;
  tab.addEventListener('click', () => change({ ...layout, collapsed: false }));
  shadow.append(style, grip, frame, tab);

  // Docking: the page gives up the sidebar's width so the sidebar never covers the chat input.
  const dock = document.createElement('style');
  dock.dataset.huitouke = 'dock';

  let appliedStyle = '';
  const applyStyle = () => {
    const width = layout.collapsed ? COLLAPSED_WIDTH : layout.width;
    host.removeAttribute('class');
    host.removeAttribute('hidden');
    host.setAttribute('style', '');
    for (const [k, v] of Object.entries(HOST_STYLE)) host.style.setProperty(k, v, 'important');
    host.style.setProperty('width', `${width}px`, 'important');
    host.toggleAttribute('data-collapsed', layout.collapsed);
    dock.textContent = `html { margin-right: ${width}px !important; width: auto !important; }`;
    appliedStyle = host.getAttribute('style') ?? '';
  };
  const tampered = () =>
    !host.isConnected ||
    !dock.isConnected ||
    host.getAttribute('style') !== appliedStyle ||
    host.hasAttribute('class') ||
    host.hasAttribute('hidden');
  let mounted = false;
  const attach = () => {
    if (!host.isConnected) {
      // An iframe put back into a document is a new frame: it gets a new nonce, which the caller
      // registers before the frame loads (the hub binds a nonce to the first frame that shows it).
      if (mounted) {
        nonce = newFrameNonce();
        frame.src = `${opts.sidebarUrl}#${nonce}`;
        opts.onNewFrame(nonce);
      }
      document.documentElement.append(host);
    }
    if (!dock.isConnected) (document.head ?? document.documentElement).append(dock);
  };
  const change = (next: Layout) => {
    layout = next;
    applyStyle();
    opts.onLayoutChange(layout);
  };

  // Dragging the left edge resizes; the width is remembered by the caller.
  grip.addEventListener('pointerdown', (down) => {
    down.preventDefault();
    grip.setPointerCapture(down.pointerId);
    grip.classList.add('dragging');
    frame.style.pointerEvents = 'none';
    const startX = down.clientX;
    const startW = layout.width;
    const move = (e: PointerEvent) => {
      layout = { ...layout, width: Math.round(Math.min(720, Math.max(240, startW + startX - e.clientX))) };
      applyStyle();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.classList.remove('dragging');
      frame.style.pointerEvents = '';
      change(layout);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up, { once: true });
    grip.addEventListener('pointercancel', up, { once: true });
  });

  applyStyle();
  attach();
  mounted = true;

  // The page may remove or restyle us; an observer (not a timer) puts things back. Our own
  // repairs produce mutation records too, so repair only when something differs from what we set.
  const guard = new MutationObserver(() => {
    if (!tampered()) return;
    applyStyle();
    attach();
  });
  guard.observe(document.documentElement, { childList: true });
  guard.observe(host, { attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  if (document.head) guard.observe(document.head, { childList: true });

  return {
    nonce: () => nonce,
    setLayout(next) {
      layout = next;
      applyStyle();
    },
    focus() {
      frame.focus();
    },
    holds: (target) => target === host,
    destroy() {
      guard.disconnect();
      host.remove();
      dock.remove();
    },
  };
}
