import type { Catalog } from '../types';

/** The shop server (issue 21): the options page's team section, the sidebar's notices, the playbook lock for agents. */
export const teamServer = {
  team_title: { zh: '团队服务器', en: 'Shop server' },
  team_help: {
    zh: '连接店铺的团队服务器后，顾虑、备注、标签、跟进提醒和联系记录会在所有客服之间同步，主管的话术和优惠会下发给每位客服。地址和加入码向主管索取。',
    en: 'Connected to your shop’s server, concerns, notes, tags, follow-up reminders and the contact log sync between all agents, and the supervisor’s templates and coupons reach every agent. Ask your supervisor for the address and a join code.',
  },
  team_url: { zh: '服务器地址', en: 'Server address' },
  team_url_hint: {
    zh: '互联网上必须是 https://；http:// 只允许本机或局域网地址（如 192.168.x.x）。',
    en: 'https:// over the internet; http:// only for this computer or a local network address (e.g. 192.168.x.x).',
  },
  team_code: { zh: '加入码', en: 'Join code' },
  team_name: { zh: '你的名字', en: 'Your name' },
  team_name_hint: {
    zh: '团队在顾虑导出和提醒中看到的名字。',
    en: 'The name the team sees in the concern export and on reminders.',
  },
  team_connect: { zh: '连接', en: 'Connect' },
  team_disconnect: { zh: '断开连接', en: 'Disconnect' },
  team_url_invalid: {
    zh: '服务器地址不对：请填写 https:// 开头的完整地址。',
    en: 'That is not a server address: enter the full address starting with https://.',
  },
  team_url_insecure: {
    zh: '这个地址用的是不加密的 http://，只允许本机或局域网地址。互联网上的服务器请用 https://。',
    en: 'Plain http:// is allowed only for this computer or a local network address. Use https:// for a server on the internet.',
  },
  team_err_missing: { zh: '请填写加入码和你的名字。', en: 'Enter the join code and your name.' },
  team_err_permission: {
    zh: '没有获得访问这个服务器的权限，未连接。',
    en: 'Access to this server was not allowed; not connected.',
  },
  team_err_badCode: {
    zh: '加入码不对、已用完或已过期，请向主管要一个新的。',
    en: 'The join code is wrong, used up or expired: ask your supervisor for a new one.',
  },
  team_err_rateLimited: {
    zh: '尝试次数太多，请 10 分钟后再试。',
    en: 'Too many tries: wait 10 minutes and try again.',
  },
  team_err_unreachable: {
    zh: '连不上服务器：请检查地址和网络。',
    en: 'The server cannot be reached: check the address and the network.',
  },
  team_err_other: {
    zh: '服务器没有接受这个请求，请稍后再试。',
    en: 'The server did not accept the request; try again later.',
  },
  team_state_off: { zh: '未连接', en: 'Not connected' },
  team_state_connecting: { zh: '连接中…', en: 'Connecting…' },
  team_state_online: { zh: '已连接', en: 'Online' },
  team_state_offline: {
    zh: '离线：改动保存在本机，恢复连接后自动上传',
    en: 'Offline: changes are kept here and uploaded when the server is back',
  },
  team_state_refused: { zh: '已被停用', en: 'Revoked' },
  team_member: { zh: '{name}（{role}）· {shop}', en: '{name} ({role}) · {shop}' },
  team_role_agent: { zh: '客服', en: 'agent' },
  team_role_supervisor: { zh: '主管', en: 'supervisor' },
  team_lastSync: { zh: '最近同步：{time}', en: 'Last sync: {time}' },
  team_neverSynced: { zh: '尚未同步', en: 'Not synced yet' },
  team_pending: { zh: '{n} 条改动待上传', en: '{n} changes waiting to upload' },
  team_syncs: {
    zh: '同步内容：顾虑（含买家原话和商品）、备注、标签、买家生日、跟进提醒（含负责人）、联系记录（营销频率按全店计算）、模板使用次数、订单面板关联的订单、自定义工作台，以及主管的话术模板、优惠券、发券规则和顾虑词库、提醒规则、联系规则、发送检查、等级与分层、店庆日等设置（客服只读）。不同步：对内置工作台的修复。',
    en: 'Synced: concerns (with the buyer’s words and product), notes, tags, buyers’ birthdays, follow-up reminders (with their owner), the contact log (marketing caps count the whole shop), template usage counts, orders tied to buyers by a console’s order panel, taught consoles, and the supervisor’s templates, coupons, coupon rules and settings — concern taxonomy, reminder rules, contact policy, send check, levels and layers, shop anniversary (read-only for agents). Not synced: repairs of built-in consoles.',
  },
  team_refused: {
    zh: '服务器已停用这台电脑的连接（主管撤销了权限）。团队数据不再同步；本机的数据都还在。请向主管要新的加入码，断开后重新连接。',
    en: 'The server no longer accepts this computer (the supervisor revoked it). Team data no longer syncs; everything on this computer is still here. Ask your supervisor for a new join code, disconnect and connect again.',
  },
  team_agentPlaybook: {
    zh: '话术模板、优惠券和发券规则由主管统一管理，客服不能修改。',
    en: 'Templates, coupons and coupon rules are managed by the supervisor; agents cannot change them.',
  },
  team_invite: { zh: '邀请客服', en: 'Invite an agent' },
  team_invite_hint: {
    zh: '把加入码和服务器地址发给这位客服；加入码 72 小时内有效，只能用一次。',
    en: 'Send this code and the server address to the agent; it works once, within 72 hours.',
  },
  team_members: { zh: '团队成员', en: 'Members' },
  team_revoke: { zh: '停用', en: 'Revoke' },
  team_revoked: { zh: '已停用', en: 'revoked' },
  team_lastSeen: { zh: '最近在线 {time}', en: 'last seen {time}' },
  team_neverSeen: { zh: '尚未上线', en: 'not seen yet' },
  team_gate_agent: {
    zh: '你以客服身份连接了团队服务器：话术、优惠和规则由主管统一管理，这里只能查看。',
    en: 'You are connected to the shop server as an agent: templates, coupons and rules come from your supervisor and are read-only here.',
  },
  team_sb_refused: {
    zh: '团队服务器已停用这台电脑的连接，同步已停止。本机数据仍在；请联系主管。',
    en: 'The shop server revoked this computer: team sync has stopped. Your data here is kept; contact your supervisor.',
  },
  team_sb_offline: {
    zh: '团队服务器暂时连不上：改动先保存在本机，恢复后自动同步。',
    en: 'The shop server is unreachable: changes are kept here and sync when it is back.',
  },
  team_fresh: {
    zh: '团队数据：包含所有客服同步到本机的记录，最近同步 {time}。',
    en: 'Team data: includes every agent’s records synced to this computer, last synced {time}.',
  },
  team_fresh_never: {
    zh: '团队数据：尚未与团队服务器同步，只有本机的记录。',
    en: 'Team data: not synced with the shop server yet; only this computer’s records.',
  },
  team_dash_byAgent: { zh: '顾虑按客服', en: 'Concerns by agent' },
  team_dash_byAgentSub: {
    zh: '每位客服记录的顾虑数（连接团队服务器后包含所有客服）。',
    en: 'Concerns each agent recorded (every agent’s, when connected to the shop server).',
  },
  team_import_title: { zh: '上传订单导出到团队服务器', en: 'Upload an order export to the shop server' },
  team_import_help: {
    zh: '导入一次，所有客服的侧边栏都能查到这些买家（只在打开买家时向服务器查询，订单不会复制到每台电脑）。',
    en: 'Import once and every agent’s sidebar finds these buyers (asked from the server when a buyer is opened; the orders are not copied to every computer).',
  },
  team_import_reading: { zh: '正在读取：{rows} 行…', en: 'Reading: {rows} rows…' },
  team_import_merging: { zh: '正在合并买家：{buyers} 位…', en: 'Merging buyers: {buyers}…' },
  team_import_done: {
    zh: '服务器导入完成：{orders} 笔订单，{buyers} 位买家，{errors} 处错误。',
    en: 'Imported on the server: {orders} orders, {buyers} buyers, {errors} errors.',
  },
} satisfies Catalog;
