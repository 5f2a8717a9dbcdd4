/** One UI string in each UI language. `{name}` marks a parameter. */
export interface Message {
  zh: string;
  en: string;
}
export type Catalog = Record<string, Message>;
