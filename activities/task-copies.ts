import type { EntityManager } from 'typeorm';
import { COMMITTEE_LEVELS, type OrgLevel, ancestorIds } from '../libs/domain/src';
import { type CopyTarget, copyMessage, copyTask } from '../libs/persistence/src';
import { findProcess, stageLabel } from '../libs/processes/src';

export interface DefaultCopiesArgs {
  /** The task row the copies point at (a human task's first slot). */
  taskId: string;
  kind: string;
  title: string;
  organisationId: string;
  campaignId: string | null;
  stage: string | null;
  dueAt: string | null;
  at: string;
}

/**
 * The copies (抄送) the process definition asks for on a task of this kind,
 * resolved by the organisation tree and written with their notifications in
 * the caller's transaction. A task outside a campaign, or of a kind its
 * process copies nobody on, gets none; a rule the tree cannot answer (no
 * committee above) copies nobody rather than stopping the task.
 */
export async function copyByDefinition(em: EntityManager, a: DefaultCopiesArgs): Promise<void> {
  if (!a.campaignId) return;
  const [campaign] = (await em.query(`SELECT process, organisation_id FROM campaigns WHERE id = $1`, [a.campaignId])) as Array<{ process: string; organisation_id: string }>;
  const definition = campaign ? findProcess(campaign.process) : undefined;
  const rules = definition?.cc?.[a.kind];
  if (!definition || !rules?.length) return;
  const targets: CopyTarget[] = [];
  for (const rule of rules) {
    if (rule.to === 'campaign_organiser') {
      targets.push({ organisationId: campaign!.organisation_id, role: rule.role });
      continue;
    }
    const [own] = (await em.query(`SELECT path FROM organisations WHERE id = $1`, [a.organisationId])) as Array<{ path: string }>;
    if (!own) continue;
    const above = ancestorIds(own.path).slice(0, -1);
    const orgs = (await em.query(`SELECT id, level FROM organisations WHERE id = ANY($1::uuid[])`, [above])) as Array<{ id: string; level: OrgLevel }>;
    const level = new Map(orgs.map((o) => [o.id, o.level]));
    const committee = [...above].reverse().find((id) => COMMITTEE_LEVELS.includes(level.get(id)!));
    if (committee) targets.push({ organisationId: committee, role: rule.role });
  }
  if (!targets.length) return;
  await copyTask(em, {
    taskId: a.taskId,
    targets,
    source: 'definition',
    copiedBy: null,
    message: copyMessage({ processName: definition.name, stageLabel: a.stage ? stageLabel(definition, a.stage) : null, title: a.title, dueAt: a.dueAt }),
    at: a.at,
  });
}
