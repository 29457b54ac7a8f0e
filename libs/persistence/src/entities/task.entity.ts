import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role, TaskDecisionRules } from '../../../domain/src';
import type { TaskKind, TaskStatus } from '../../../contracts/src';

/** Read model of the human tasks that workflows open, for fast inbox queries. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column('text')
  kind!: TaskKind;

  @Column('text')
  title!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: 'nomination';

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'organisation_path', type: 'text' })
  organisationPath!: string;

  @Column('text')
  role!: Role;

  @Column('text')
  status!: TaskStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  /** The human task (group of slots) this row is one slot of. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @Column({ name: 'delegated_to_user_id', type: 'uuid', nullable: true })
  delegatedToUserId!: string | null;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ type: 'text', nullable: true })
  opinion!: string | null;

  @Column({ name: 'urged_count', type: 'int', default: 0 })
  urgedCount!: number;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  /** What the decision must carry (TaskForm), for the client to render. */
  @Column({ type: 'jsonb', nullable: true })
  form!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  data!: unknown;

  /** Deadlines that passed with the task undone. */
  @Column({ type: 'int', default: 0 })
  missed!: number;

  /** A human task's decision rules (outcomes, opinions required, submitter…); null for other kinds and rows written before they were kept. */
  @Column({ type: 'jsonb', nullable: true })
  rules!: TaskDecisionRules | null;

  /** Has anyone acted on the human task yet (withdrawal is allowed only before)? */
  @Column({ type: 'boolean', default: false })
  acted!: boolean;
}
