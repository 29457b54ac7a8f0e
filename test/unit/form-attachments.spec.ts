import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ATTACHMENT_IDS_MARK, type RubricScoresForm, attachmentIds, attachmentIdsIn, rubricItems } from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import { TASK_FORMS } from '../../libs/processes/src';

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

/** Form fields holding attachment ids: marked in the JSON Schema, found wherever a form puts them, refused in Chinese when malformed. */
describe('attachment ids in task forms', () => {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

  it('marks the field in the JSON Schema a client renders', () => {
    expect(json(z.strictObject({ files: attachmentIds('佐证附件').optional() }))).toMatchObject({ properties: { files: { type: 'array', [ATTACHMENT_IDS_MARK]: true, title: '佐证附件' } } });
  });

  it('finds the ids in marked fields at any depth (objects, records, lists), once each, and nothing in unmarked fields', () => {
    const schema = json(
      z.strictObject({
        other: z.array(z.string()),
        top: attachmentIds('附件').optional(),
        rows: z.array(z.strictObject({ files: attachmentIds('附件').optional() })),
        byCode: z.record(z.string(), z.strictObject({ files: attachmentIds('附件').optional() })),
      }),
    );
    expect(attachmentIdsIn(schema, { other: [c], top: [a], rows: [{ files: [b] }, {}], byCode: { x: { files: [a, c] } } })).toEqual([a, b, c]);
    expect(attachmentIdsIn(schema, { other: [c] })).toEqual([]);
    expect(attachmentIdsIn(schema, undefined)).toEqual([]);
  });

  it("offers them on the branch's self-assessment sheet and on Wujin's brand, not on the assessor's sheet", () => {
    const rubric = { code: WUJIN_RUBRIC.code, version: WUJIN_RUBRIC.version, name: WUJIN_RUBRIC.name, areas: WUJIN_RUBRIC.areas, vetoItems: WUJIN_RUBRIC.vetoItems, passThreshold: 85 };
    const self: RubricScoresForm = { kind: 'rubric_scores', rubric, vetoes: false };
    const code = rubricItems(WUJIN_RUBRIC)[0]!.code;
    const scores = Object.fromEntries(rubricItems(WUJIN_RUBRIC).map((i) => [i.code, { score: i.points }]));
    const answer = { scores: { ...scores, [code]: { score: 1, evidenceAttachments: [a, b] } } };
    expect(TASK_FORMS.check(self, answer).refusal).toBeNull();
    expect(TASK_FORMS.attachmentIds(self, answer)).toEqual([a, b]);
    const assessor = { ...self, vetoes: true };
    expect(TASK_FORMS.check(assessor, answer).refusal?.message).toMatch(/evidenceAttachments/);

    const brand = { kind: 'wujin_brand', branchName: '南夏墅街道阳湖社区党支部' };
    const filed = { name: '红色阳湖', description: '党建引领', evidence: '见照片', evidenceAttachments: [c] };
    expect(TASK_FORMS.check(brand, filed).refusal).toBeNull();
    expect(TASK_FORMS.attachmentIds(brand, filed)).toEqual([c]);
    expect(TASK_FORMS.check(brand, { ...filed, evidenceAttachments: undefined }).refusal).toBeNull();
  });

  it('refuses malformed or repeated ids in Chinese', () => {
    const brand = { kind: 'wujin_brand', branchName: '阳湖社区党支部' };
    const base = { name: '红色阳湖', description: '党建引领', evidence: '见照片' };
    expect(TASK_FORMS.check(brand, { ...base, evidenceAttachments: ['照片.png'] }).refusal?.message).toMatch(/须为附件编号/);
    expect(TASK_FORMS.check(brand, { ...base, evidenceAttachments: [a, a] }).refusal?.message).toMatch(/重复/);
    expect(TASK_FORMS.check(brand, { ...base, evidenceAttachments: a }).refusal?.message).toMatch(/附件编号的列表/);
  });
});
