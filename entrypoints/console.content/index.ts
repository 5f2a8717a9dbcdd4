export default defineContentScript({
  matches: ['https://mms.pinduoduo.com/chat-merchant/*'],
  runAt: 'document_idle',
  main() {},
});
