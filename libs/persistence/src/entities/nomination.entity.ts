import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NominationStatus } from '../../../domain/src';
import type { Honour } from '../../../contracts/src';

/** The recommendation-approval form (附件3) and where it stands. */
@Entity('nominations')
export class NominationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_year', type: 'int' })
  campaignYear!: number;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ name: 'branch_name', type: 'text' })
  branchName!: string;

  /** The branch's tree path, copied so that scoping a query needs no join. */
  @Column({ name: 'branch_path', type: 'text' })
  branchPath!: string;

  @Column({ name: 'grassroots_committee_id', type: 'uuid', nullable: true })
  grassrootsCommitteeId!: string | null;

  @Column({ name: 'grassroots_committee_name', type: 'text', nullable: true })
  grassrootsCommitteeName!: string | null;

  @Column({ name: 'city_managed_committee_id', type: 'uuid', nullable: true })
  cityManagedCommitteeId!: string | null;

  @Column({ name: 'city_managed_committee_name', type: 'text', nullable: true })
  cityManagedCommitteeName!: string | null;

  @Column({ name: 'secretary_name', type: 'text' })
  secretaryName!: string;

  @Column({ name: 'secretary_phone', type: 'text' })
  secretaryPhone!: string;

  @Column({ name: 'basic_situation', type: 'text' })
  basicSituation!: string;

  @Column({ type: 'jsonb' })
  honours!: Honour[];

  @Column({ name: 'main_deeds', type: 'text' })
  mainDeeds!: string;

  @Column('text')
  status!: NominationStatus;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** How far the nomination got in its campaign (CandidateStatus). */
  @Column({ name: 'campaign_status', type: 'text', nullable: true })
  campaignStatus!: string | null;

  @Column({ name: 'campaign_reason', type: 'text', nullable: true })
  campaignReason!: string | null;

  /** Provincial-level or higher honours: recommended first. */
  @Column({ type: 'boolean', default: false })
  priority!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One step in a nomination's history: submission, each review and its opinion. */
@Entity('nomination_steps')
export class NominationStepEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  @Column('text')
  step!: 'submission' | 'grassroots_review' | 'resubmission';

  @Column('text')
  action!: 'submitted' | 'approve' | 'return' | 'reject' | 'resubmitted';

  @Column({ type: 'text', default: '' })
  opinion!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'organisation_name', type: 'text' })
  organisationName!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  /** Makes recording a step idempotent when an activity is retried. */
  @Column({ name: 'idempotency_key', type: 'text', unique: true })
  idempotencyKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
