import type { Catalog } from '../types';

/** Strings of the data lock (imports and restores one at a time), import cancel and the backup checks. */
export const dataSafety = {
  data_busyImport: {
    zh: '正在导入订单（本窗口或其他窗口），导入完成或取消后才能备份、恢复或开始新的导入。',
    en: 'An import is running (in this or another window). Back up, restore or start another import once it finishes or is cancelled.',
  },
  data_busyBackup: {
    zh: '正在生成完整备份（本窗口或其他窗口），完成后才能导入订单或恢复备份。',
    en: 'A full backup is being written (in this or another window). Import orders or restore once it is done.',
  },
  data_busyRestore: {
    zh: '正在恢复备份（本窗口或其他窗口），恢复完成后才能导入订单、备份或再次恢复。',
    en: 'A backup is being restored (in this or another window). Import orders, back up or restore again once it finishes.',
  },
  data_busyOther: {
    zh: '另一个导入或恢复正在进行，请等它完成后再试。',
    en: 'Another import or restore is running; try again once it finishes.',
  },
  import_dataReplaced: {
    zh: '导入期间数据被备份恢复替换，导入已停止，没有写入恢复后的数据。请重新导入。',
    en: 'The data was replaced by a restore during the import; the import stopped without writing into the restored data. Import again.',
  },
  import_cancelled: {
    zh: '已取消导入，数据与导入前完全相同。',
    en: 'Import cancelled; the data is exactly as before.',
  },
  import_cancelledPartly: {
    zh: '已取消导入，但未能完全撤销已写入的买家（记录都是完整的）。再次导入同一文件即可补全。',
    en: 'Import cancelled, but the buyers already written could not all be put back (every record is whole). Import the same files again to complete.',
  },
  op_import_stop: { zh: '取消导入', en: 'Cancel import' },
  op_import_stopping: { zh: '正在取消，撤销已写入的数据…', en: 'Cancelling: putting back what was written…' },
  op_import_cancelledTitle: { zh: '导入已取消', en: 'Import cancelled' },
  op_import_leaveWarning: {
    zh: '离开此页会中断正在进行的导入。',
    en: 'Leaving this page stops the import in progress.',
  },
  op_import_elsewhere: {
    zh: '另一个窗口正在导入订单；完成后这里的买家列表会自动更新。',
    en: 'Another window is importing orders; the buyer list here updates when it finishes.',
  },

  ws_backup_tooDeep: {
    zh: '备份文件第 {line} 行第 {column} 列嵌套过深，不是回头客备份，已拒绝恢复。',
    en: 'The backup file nests too deeply at line {line}, column {column}: not a Huitouke backup; not restored.',
  },
  ws_backup_badJson: {
    zh: '备份文件第 {line} 行第 {column} 列不是有效的 JSON（{detail}），可能没有下载完或被改动过。',
    en: 'The backup file is not valid JSON at line {line}, column {column} ({detail}); it may be cut short or edited.',
  },
  ws_backup_missingTables: {
    zh: '备份文件缺少数据表：{tables}。恢复会清空这些表，已拒绝恢复。',
    en: 'The backup lacks these tables: {tables}. Restoring would empty them; not restored.',
  },
  ws_backup_unknownTables: {
    zh: '备份文件含有数据库 v{version} 没有的数据表：{tables}，已拒绝恢复。',
    en: 'The backup has tables database v{version} does not have: {tables}; not restored.',
  },
  ws_backup_badRow: {
    zh: '备份文件中 {table} 表第 {row} 条记录无效（{problem}），已拒绝恢复。',
    en: 'Record {row} of table {table} in the backup is invalid ({problem}); not restored.',
  },
  ws_backup_unknownVersion: {
    zh: '备份文件的数据库版本 v{version} 未知，已拒绝恢复。',
    en: 'The backup is of an unknown database version (v{version}); not restored.',
  },
  ws_backup_downloadFailed: { zh: '备份失败：{message}', en: 'The backup failed: {message}' },
  ws_backup_failed: {
    zh: '恢复失败：{message}。当前数据没有改变。',
    en: 'The restore failed: {message}. The current data is unchanged.',
  },
  ws_backup_checkFailed: { zh: '无法读取备份文件：{message}', en: 'The backup file could not be read: {message}' },
  ws_backup_pinKept: {
    zh: '备份中的主管密码不会被恢复：本机当前的密码（或未设置密码的状态）保持不变。',
    en: 'The supervisor PIN in the backup is not restored: this browser keeps its current PIN (or no PIN).',
  },
} satisfies Catalog;
