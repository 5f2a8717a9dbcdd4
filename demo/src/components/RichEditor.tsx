import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A contenteditable editor in the style of Lexical/Slate: the state follows `input` events, and
 * synthetic `beforeinput` text insertions are applied by the editor itself (the browser performs
 * no default action for untrusted events). Text put into the DOM without any event is not noticed,
 * exactly like the real editors an extension has to cope with.
 */
const TEXT_INPUTS = new Set(['insertText', 'insertReplacementText', 'insertFromPaste', 'insertFromDrop']);

function readText(el: HTMLElement): string {
  // A lone <br> that browsers leave behind reads as "\n".
  return el.innerText.replace(/\n$/, '');
}

function insertAt(el: HTMLElement, text: string, targets: StaticRange[]): void {
  const selection = window.getSelection();
  let range: Range;
  const target = targets[0];
  if (target && el.contains(target.startContainer)) {
    range = document.createRange();
    range.setStart(target.startContainer, target.startOffset);
    range.setEnd(target.endContainer, target.endOffset);
  } else if (selection && selection.rangeCount > 0 && el.contains(selection.getRangeAt(0).commonAncestorContainer)) {
    range = selection.getRangeAt(0);
  } else {
    range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
  }
  range.deleteContents();
  const node = document.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(range);
}

interface Props {
  value: string;
  placeholder: string;
  onChange: (text: string) => void;
  onEnter: () => void;
}

export function RichEditor({ value, placeholder, onChange, onEnter }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });

  // Mounted once per conversation, with that conversation's draft.
  useLayoutEffect(() => {
    if (ref.current) ref.current.textContent = value;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Sending clears the draft; mirror that into the DOM.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && value === '' && readText(el) !== '') el.textContent = '';
  }, [value]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const sync = () => onChangeRef.current(readText(el));
    const beforeInput = (event: InputEvent) => {
      if (event.isTrusted || !TEXT_INPUTS.has(event.inputType)) return;
      const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? null;
      if (text === null) return;
      event.preventDefault();
      insertAt(el, text, event.getTargetRanges());
      sync();
    };
    el.addEventListener('beforeinput', beforeInput);
    el.addEventListener('input', sync);
    return () => {
      el.removeEventListener('beforeinput', beforeInput);
      el.removeEventListener('input', sync);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onEnter();
    }
  };

  return (
    <div
      ref={ref}
      className="editor editor-rich"
      contentEditable
      role="textbox"
      aria-multiline="true"
      aria-label="输入消息"
      data-testid="chat-input"
      data-placeholder={placeholder}
      onKeyDown={onKeyDown}
    />
  );
}
