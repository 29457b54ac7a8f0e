import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ancestorIds } from '../../../../libs/domain/src';
import { OrganisationEntity } from '../../../../libs/persistence/src';
import { notFound } from '../common/api-error';
import type { Principal } from '../auth/principal';

@Injectable()
export class OrganisationsService {
  constructor(private readonly ds: DataSource) {}

  /** An organisation the caller may see; anything else is "not found", never "forbidden". */
  async visible(principal: Principal, id: string): Promise<OrganisationEntity> {
    const org = await this.ds.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org || !principal.canSee(org.path)) throw notFound('组织');
    return org;
  }

  /** The organisation's ancestry from the root down to itself. */
  async ancestry(org: OrganisationEntity): Promise<OrganisationEntity[]> {
    const ids = ancestorIds(org.path);
    const rows = await this.ds.getRepository(OrganisationEntity).findBy({ id: In(ids) });
    return ids.map((id) => rows.find((r) => r.id === id)!);
  }

  /** Every organisation inside the caller's scopes, in tree order. */
  async listVisible(principal: Principal, level?: string): Promise<OrganisationEntity[]> {
    const scopes = [...new Set(principal.grants.map((g) => g.scopePath))];
    if (scopes.length === 0) return [];
    const qb = this.ds
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where(`(${scopes.map((_, i) => `o.path LIKE :s${i}`).join(' OR ')})`, Object.fromEntries(scopes.map((s, i) => [`s${i}`, `${s}%`])))
      .orderBy('o.path');
    if (level) qb.andWhere('o.level = :level', { level });
    return qb.getMany();
  }
}
