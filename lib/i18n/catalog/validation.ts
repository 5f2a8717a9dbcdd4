import type { Catalog } from '../types';

/**
 * Sentences for a value a form or a file got wrong (lib/i18n/zod-issues.ts turns zod's issues into
 * these); `{field}` is the field's name in words (catalog/fields.ts).
 */
export const validation = {
  val_required: { zh: '{field}：必须填写', en: '{field}: required' },
  val_type: { zh: '{field}：应为{expected}', en: '{field}: should be {expected}' },
  val_type_string: { zh: '文字', en: 'text' },
  val_type_number: { zh: '数字', en: 'a number' },
  val_type_boolean: { zh: '是或否', en: 'yes or no' },
  val_type_array: { zh: '列表', en: 'a list' },
  val_type_object: { zh: '一组设置', en: 'a group of settings' },
  val_type_other: { zh: '其他类型的值', en: 'another kind of value' },
  val_empty: { zh: '{field}：不能为空', en: '{field}: cannot be empty' },
  val_textShort: { zh: '{field}：至少 {min} 个字', en: '{field}: at least {min} characters' },
  val_textLong: { zh: '{field}：最多 {max} 个字', en: '{field}: at most {max} characters' },
  val_numberSmall: { zh: '{field}：不能小于 {min}', en: '{field}: cannot be less than {min}' },
  val_numberSmallExclusive: { zh: '{field}：必须大于 {min}', en: '{field}: must be more than {min}' },
  val_numberBig: { zh: '{field}：不能大于 {max}', en: '{field}: cannot be more than {max}' },
  val_numberBigExclusive: { zh: '{field}：必须小于 {max}', en: '{field}: must be less than {max}' },
  val_listShort: { zh: '{field}：至少要有 {min} 项', en: '{field}: needs at least {min} items' },
  val_listLong: { zh: '{field}：最多 {max} 项', en: '{field}: at most {max} items' },
  val_integer: { zh: '{field}：必须是整数', en: '{field}: must be a whole number' },
  val_format: { zh: '{field}：格式不对', en: '{field}: not in the expected format' },
  val_choice: { zh: '{field}：不是可选的值', en: '{field}: not one of the choices' },
  val_unknownKeys: { zh: '{field}：有不认识的项（{keys}）', en: '{field}: has entries it does not know ({keys})' },
  val_invalid: { zh: '{field}：不正确', en: '{field}: not valid' },
  val_whole: { zh: '整体', en: 'The whole' },
  val_item: { zh: '第 {n} 项', en: 'item {n}' },
  val_more: { zh: '另有 {count} 处问题', en: '{count} more problems' },
} satisfies Catalog;
