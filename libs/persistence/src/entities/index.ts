import { NominationEntity, NominationStepEntity } from './nomination.entity';
import { OrganisationEntity } from './organisation.entity';
import { TaskEntity } from './task.entity';
import { RoleAssignmentEntity, UserEntity } from './user.entity';

export { NominationEntity, NominationStepEntity, OrganisationEntity, TaskEntity, RoleAssignmentEntity, UserEntity };

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  RoleAssignmentEntity,
  NominationEntity,
  NominationStepEntity,
  TaskEntity,
];
