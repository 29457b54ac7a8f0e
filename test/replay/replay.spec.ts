import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../workflows';
import { readInfra } from '../support/infra';

/**
 * Recorded histories of every workflow type, replayed against today's code: a
 * change that would break a workflow already running in production fails here.
 * Re-record with `npm run record-histories` only for a deliberate, versioned change.
 */
const HISTORIES = path.resolve(__dirname, 'histories');

function recorded(): Array<{ file: string; history: unknown }> {
  return readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))) }));
}

describe('replay of recorded workflow histories', () => {
  const histories = recorded();

  it('has a recorded history for every workflow type the worker registers', () => {
    const registered = Object.keys(workflows).sort();
    const types = new Set(histories.map((h) => h.file.split('.')[0]));
    expect([...types].sort()).toEqual(registered);
  });

  it.each(histories.map((h) => [h.file, h.history] as const))('replays %s without a determinism error', async (_file, history) => {
    // The run's bundle of workflows/: bundling it again for each history took most of this file's time.
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: readInfra().workflowBundle } }, history)).resolves.toBeUndefined();
  });

  it('fails the replay when the workflow reorders a step (the check can fail)', async () => {
    const nomination = histories.find((h) => h.file === 'nominationReview.return-resubmit-approve.json');
    await expect(
      Worker.runReplayHistory({ workflowsPath: require.resolve('./fixtures/reordered-workflows') }, nomination!.history),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
