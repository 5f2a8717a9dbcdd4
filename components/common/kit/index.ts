import './kit.css';

/**
 * The widget kit of the extension's pages (options, popup): form pieces, tabs, icons and time
 * formats. Pages compose these; they hold no domain decisions.
 */
export { Chips, Field, FilePick, MoneyInput, NumberInput, Toggle } from './form';
export { Empty, LockBadge, rowActivation, Tabs } from './layout';
export { Icon } from './Icon';
export { ago, formatTime } from './format';
