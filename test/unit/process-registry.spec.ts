import { dashboardSectionsOf } from '../../apps/api/src/campaigns/dashboard-sections';
import { PROCESSES } from '../../libs/processes/src';

describe('the process registry', () => {
  it('has unique ids, and every stage, section and document named and labelled', () => {
    expect(new Set(PROCESSES.map((p) => p.id)).size).toBe(PROCESSES.length);
    for (const p of PROCESSES) {
      expect(p.id).toMatch(/^[a-z]+$/);
      expect(new Set(p.stages.map((s) => s.id)).size).toBe(p.stages.length);
      for (const x of [...p.stages, ...p.dashboardSections]) expect(x.label).toMatch(/[\u4e00-\u9fa5]/);
      for (const d of p.documents) expect(d.title).toMatch(/[\u4e00-\u9fa5]/);
      if (p.applicationStage) expect(p.stages.map((s) => s.id)).toContain(p.applicationStage);
    }
  });

  it("shows on each process's dashboard exactly the sections its definition declares", () => {
    for (const p of PROCESSES) {
      expect(Object.keys(dashboardSectionsOf(p.id).schema.shape).sort()).toEqual(p.dashboardSections.map((s) => s.id).sort());
    }
  });

  it("takes each process's defaults as valid overrides of themselves, and refuses unknown fields", () => {
    for (const p of PROCESSES) {
      const defaults = p.parameters.defaults(2026);
      expect(p.parameters.merge(2026, {})).toEqual(defaults);
      expect(p.parameters.schema.safeParse(defaults).success).toBe(true);
      expect(p.parameters.overrides.safeParse({ nonsense: 1 }).success).toBe(false);
    }
  });
});
