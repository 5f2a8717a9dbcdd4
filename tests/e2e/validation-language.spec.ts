import { writeFileSync } from 'node:fs';
import { defaultTaxonomy } from '../../lib/concerns';
import { buildPack, serializePack } from '../../lib/playbook/pack';
import { defaultTemplates } from '../../lib/templates';
import { expect, test } from './fixtures';

/** zod's English, which must never be what a supervisor reads. */
const ZOD_WORDS = /Invalid|expected|received|Too (small|big)|Unrecognized/;

test('a playbook pack with a bad template says what and where in Chinese, naming the field in words', async ({
  context,
  extensionId,
}, testInfo) => {
  const pack = JSON.parse(
    serializePack(
      buildPack(
        {
          templates: [defaultTemplates()[0]!],
          coupons: [],
          couponRules: [],
          taxonomy: defaultTaxonomy(),
          reminderRules: null,
          contactPolicy: null,
        },
        { name: '分店话术', exportedBy: '主管', now: Date.now() },
      ),
    ),
  ) as { templates: Array<Record<string, unknown>> };
  pack.templates[0]!.shortcut = 'cm';
  pack.templates[0]!.title = '';
  const file = testInfo.outputPath('pack.json');
  writeFileSync(file, JSON.stringify(pack));

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/team`);
  await options.getByTestId('pack-file').setInputFiles(file);
  const problem = options.getByTestId('pack-problem');
  await expect(problem).toContainText('话术模板 › 第 1 项 › 快捷短语');
  await expect(problem).toContainText('话术模板 › 第 1 项 › 标题：不能为空');
  expect(await problem.textContent()).not.toMatch(ZOD_WORDS);
});
