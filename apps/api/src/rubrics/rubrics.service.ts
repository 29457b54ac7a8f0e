import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Rubric, type VetoItem, areaItemsTotal, isDepartment, rubricDiscrepancies, rubricItems, rubricTotal } from '../../../../libs/domain/src';
import { addVetoItem, latestRubrics, latestStoredRubric, rubricVersions, storedRubric } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import type { RubricDetail } from './rubrics.responses';

const declaredTotal = (r: Rubric) => r.areas.reduce((s, a) => s + a.declaredPoints, 0);

/** Rubrics as an administrator keeps them: read by anyone signed in, veto items added by a department's administrator. */
@Injectable()
export class RubricsService {
  constructor(private readonly ds: DataSource) {}

  async list() {
    return (await latestRubrics(this.ds)).map(({ rubric, createdAt }) => ({
      code: rubric.code,
      version: rubric.version,
      name: rubric.name,
      createdAt: createdAt.toISOString(),
      itemCount: rubricItems(rubric).length,
      declaredTotal: declaredTotal(rubric),
      itemsTotal: rubricTotal(rubric),
    }));
  }

  async detail(code: string, version?: number): Promise<RubricDetail> {
    const stored = version === undefined ? await latestStoredRubric(this.ds, code) : await storedRubric(this.ds, code, version);
    if (!stored) throw notFound(version === undefined ? `考核细则“${code}”` : `考核细则“${code}”的第${version}版`);
    const { rubric, createdAt } = stored;
    const versions = await rubricVersions(this.ds, code);
    return {
      code: rubric.code,
      version: rubric.version,
      latestVersion: versions.at(-1) ?? rubric.version,
      versions,
      name: rubric.name,
      createdAt: createdAt.toISOString(),
      passThreshold: rubric.passThreshold,
      requiresCleanNotice: rubric.requiresCleanNotice,
      areas: rubric.areas.map((a) => ({ code: a.code, name: a.name, declaredPoints: a.declaredPoints, itemsTotal: areaItemsTotal(a), items: a.items })),
      itemCount: rubricItems(rubric).length,
      declaredTotal: declaredTotal(rubric),
      itemsTotal: rubricTotal(rubric),
      vetoItems: rubric.vetoItems,
      discrepancies: rubricDiscrepancies(rubric),
    };
  }

  async addVetoItem(p: Principal, code: string, item: VetoItem, requestId: string): Promise<RubricDetail> {
    // Rubrics serve every district: only an organisation (or political) department's administrator changes them.
    const grant = p.grants.find((g) => g.role === 'administrator' && isDepartment(g.level));
    if (!grant) throw forbidden('只有组织部（政治部）的管理员可以添加一票否决情形');
    const result = await addVetoItem(
      this.ds,
      code,
      item,
      { actorId: p.userId, actorName: p.displayName, actorRole: grant.role, organisationId: grant.organisationId },
      requestId,
    );
    switch (result.status) {
      case 'unknown_rubric':
        throw notFound(`考核细则“${code}”`);
      case 'refused': {
        const [first] = result.problems;
        throw new ApiError(first!.code, result.problems.map((x) => x.message).join('；'));
      }
      case 'version_taken':
        throw new ApiError('RUBRIC_VERSION_CONFLICT');
      case 'added':
        return this.detail(code, result.rubric.version);
    }
  }
}
