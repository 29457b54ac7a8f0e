import type { BenchContext } from '../harness/context';
import type { Branch, People } from '../harness/people';

const FORM = {
  secretaryName: '张明',
  secretaryPhone: '13800000000',
  basicSituation: '支部现有党员32名，班子健全，制度落实。',
  honours: [{ title: '市级先进基层党组织', level: 'city', year: 2024 }],
  mainDeeds: '坚持“三会一课”，开展主题党日，带领群众发展特色产业。',
};

const FIRST_YEAR = 2030;
const LAST_YEAR = 2100;

/**
 * Nominations as branches submit them over HTTP. Each submission takes a
 * (branch, year) pair not used before in the run, since a branch may have one
 * live nomination a year.
 */
export class Nominations {
  private next = 0;

  constructor(
    private readonly ctx: BenchContext,
    private readonly people: People,
  ) {}

  private pair(): { branch: Branch; year: number } {
    const i = this.next++;
    const n = this.people.branches.length;
    const year = FIRST_YEAR + Math.floor(i / n);
    if (year > LAST_YEAR) throw new Error('no (branch, year) pairs left: seed more branches');
    return { branch: this.people.branches[i % n]!, year };
  }

  /** POST /nominations, then the reviewer reads the task it opened (waiting for it if the answer was 202). */
  async submit(mark: (name: string) => void = () => undefined): Promise<{ nominationId: string; taskId: string; branch: Branch }> {
    const { branch, year } = this.pair();
    const r = await this.ctx.http('POST', '/nominations', await this.ctx.token(branch.submitterId), { branchId: branch.id, campaignYear: year, form: FORM });
    if (r.status !== 201 && r.status !== 202) throw new Error(`POST /nominations: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    mark('answered');
    const reviewer = await this.ctx.token(branch.reviewerId);
    const nominationId = r.body!.id as string;
    let taskId = (r.body!.openTasks as Array<{ id: string }> | undefined)?.[0]?.id;
    const deadline = performance.now() + 30_000;
    while (!taskId) {
      // 202: registered later by the worker; the reviewer looks until the task is there.
      const d = await this.ctx.expect([200], 'GET', `/nominations/${nominationId}`, reviewer);
      taskId = (d.openTasks as Array<{ id: string }>)[0]?.id;
      if (!taskId && performance.now() > deadline) throw new Error(`no review task for ${nominationId} after 30 s`);
      if (!taskId) await new Promise((res) => setTimeout(res, 20));
    }
    const task = await this.ctx.expect([200], 'GET', `/tasks/${taskId}`, reviewer);
    if (task.status !== 'open') throw new Error(`task ${taskId} is ${String(task.status)}`);
    return { nominationId, taskId, branch };
  }
}
