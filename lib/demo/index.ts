/** Deterministic demo data: a Taobao shop's order export and the demo console's chats. */
export {
  DEMO_BUYERS,
  DEMO_ORDERS,
  DEMO_SEED,
  HISTORY_DAYS,
  planDemoShop,
  type DemoBuyer,
  type DemoOptions,
  type DemoPlan,
} from './plan';
export { buildOrder, RAW_STATUS, type DemoOrder, type DemoOrderLine } from './orders';
export {
  csvField,
  EXPORT_EOL,
  generateDemoOrders,
  generateTaobaoExport,
  TAOBAO_HEADER_ROW,
  taobaoExportFileName,
  taobaoExportText,
  taobaoRow,
} from './taobao-export';
export { generateConversations, DEMO_EPISODES } from './conversations';
export * from './conversation-schema';
export { DEMO_PRODUCTS, DEMO_SHOP, CATEGORY_NAMES, type DemoCategory, type DemoProduct } from './catalog';
export { mulberry32, mixSeed, type Rng } from './prng';
export { demoAsOf, DEMO_TIME_ZONE } from './time';
export { CONTACT_DAYS, generateDemoContacts } from './contacts';
export { DemoContactsFileSchema, type DemoContactsFile } from './contacts-schema';
export {
  DemoPanelOrderSchema,
  DemoPanelsFileSchema,
  PINDUODUO_PANELS_FILE,
  pinduoduoDemo,
  pinduoduoExportFileName,
  type DemoPanelOrder,
  type DemoPanelsFile,
} from './pinduoduo-export';
