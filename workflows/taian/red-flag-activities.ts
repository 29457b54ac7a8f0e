import { proxyActivities } from '@temporalio/workflow';
import type { RedFlagActivities } from '../../activities/taian/red-flag.activities';
import { CAMPAIGN_ACTIVITY } from '../../libs/contracts/src';

/** Tai'an's own activities (the generic campaign ones are `campaignActivities` in workflows/steps). */
export const redFlagActivities = proxyActivities<RedFlagActivities>(CAMPAIGN_ACTIVITY);
