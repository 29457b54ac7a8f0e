import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TASK_KIND_LABELS } from '../../apps/api/src/tasks/kind-labels';
import { ROLES } from '../../libs/domain/src';
import { copyMessage } from '../../libs/persistence/src/task-copies';
import { PROCESSES, findProcess } from '../../libs/processes/src';

const ROOT = path.resolve(__dirname, '../..');
/** The source of a process's workflows, where the kinds of the tasks it opens are written. */
const workflowSource = (process: string) => {
  const dir = path.join(ROOT, 'workflows', process);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
};

describe('default copies (抄送) of the process definitions', () => {
  it('name task kinds their own workflows open, labelled in Chinese, each copied to a known role', () => {
    for (const p of PROCESSES) {
      for (const [kind, rules] of Object.entries(p.cc ?? {})) {
        expect({ process: p.id, kind, opened: workflowSource(p.id).includes(`kind: '${kind}'`) }).toEqual({ process: p.id, kind, opened: true });
        expect(TASK_KIND_LABELS[kind]).toMatch(/[\u4e00-\u9fa5]/);
        expect(rules.length).toBeGreaterThan(0);
        for (const r of rules) {
          expect(ROLES).toContain(r.role);
          expect(['committee_above', 'campaign_organiser']).toContain(r.to);
        }
      }
    }
  });

  it("gives Tai'an and Hefei their defaults: the level above on what is reported up, the organiser on what is filed with it", () => {
    expect(findProcess('taian')!.cc).toMatchObject({
      grassroots_report: [{ to: 'committee_above', role: 'reviewer' }],
      formal_submission: [{ to: 'campaign_organiser', role: 'reviewer' }],
    });
    expect(findProcess('hefei')!.cc).toMatchObject({
      hefei_self_assessment: [{ to: 'committee_above', role: 'reviewer' }],
      hefei_grading: [{ to: 'campaign_organiser', role: 'reviewer' }],
    });
  });

  it('words the notice with the process, the step, the title and the deadline in China time', () => {
    expect(copyMessage({ processName: '“泰山先锋”红旗党支部评选', stageLabel: '基层党委差额推荐', title: '填写基层党委意见并逐级上报', dueAt: '2026-05-31T09:00:00.000Z' })).toBe(
      '抄送：“泰山先锋”红旗党支部评选「基层党委差额推荐」环节的任务“填写基层党委意见并逐级上报”，办理期限 2026-05-31 17:00。仅供知悉，无需办理。',
    );
    expect(copyMessage({ processName: null, stageLabel: null, title: '审核', dueAt: null, by: '张三' })).toBe('抄送（张三抄送）：任务“审核”，无办理期限。仅供知悉，无需办理。');
  });
});
