import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AgencyKind, BranchDomain, OrgLevel } from '../../../domain/src';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: OrgLevel;

  @Column({ type: 'text', nullable: true })
  domain!: BranchDomain | null;

  @Column({ name: 'agency_kind', type: 'text', nullable: true })
  agencyKind!: AgencyKind | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Party members of a branch, where known (Hefei's attachment 2 flags fewer than 3, and none). */
  @Column({ name: 'member_count', type: 'int', nullable: true })
  memberCount!: number | null;

  /** When a branch committee's term ends (换届). */
  @Column({ name: 'term_ends_on', type: 'date', nullable: true })
  termEndsOn!: string | null;

  /** A county's committee (县市区党委) among the city-managed ones: it cultivates at least 50 branches a year. */
  @Column({ type: 'boolean', default: false })
  county!: boolean;

  /** Materialised path "/root/…/self/" for subtree scoping. */
  @Column('text')
  path!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
