import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Progress, cacheDir, findOnPath, repoRoot, runWatched, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';

export const TEST_SERVER_VERSION = '1.38.0';

/**
 * Provides Temporal's time-skipping test server: the Java build from Maven
 * Central (the SDK's own download host is out of reach here), with a launcher
 * script that `TestWorkflowEnvironment.createTimeSkipping` runs through its
 * `existing-path` executable option; the SDK passes the port as its argument.
 */
export async function ensureTimeSkippingServer(progress: Progress = stderrProgress): Promise<string> {
  const home = path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`);
  const launcher = path.join(home, 'temporal-test-server');
  if (existsSync(launcher)) return launcher;

  const java = findOnPath('java');
  const mvn = findOnPath('mvn');
  if (!java) throw new Error('The time-skipping test server needs Java 11 or later: install a JDK (e.g. apt-get install default-jdk-headless)');
  if (!mvn) throw new Error('Fetching the time-skipping test server needs Maven: install it (e.g. apt-get install maven)');

  await cachedInstall({
    dir: home,
    marker: 'temporal-test-server',
    name: `the Temporal time-skipping test server ${TEST_SERVER_VERSION}`,
    progress,
    build: async (staging) => {
      progress(`fetching the Temporal time-skipping test server ${TEST_SERVER_VERSION} from Maven Central (one time)…`);
      await runWatched(
        mvn,
        [
          '-B', '-f', path.join(repoRoot(), 'tools/temporal-test-server/pom.xml'),
          `-Dtemporal.version=${TEST_SERVER_VERSION}`,
          'dependency:copy-dependencies',
          `-DoutputDirectory=${path.join(staging, 'lib')}`,
        ],
        { label: 'fetching the test server', progress, classify: (line) => (line.includes('Downloaded from') ? 'files downloaded' : undefined) },
      );
      const jars = readdirSync(path.join(staging, 'lib')).filter((f) => f.endsWith('.jar'));
      if (!jars.some((j) => j.startsWith('temporal-test-server'))) throw new Error('Maven did not deliver temporal-test-server');
      const script = [
        '#!/bin/sh',
        '# Launches the Temporal time-skipping test server; the first argument is the port.',
        'here=$(dirname "$0")',
        `exec "${java}" -XX:+UseSerialGC -Xss512k -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"`,
        '',
      ].join('\n');
      writeFileSync(path.join(staging, 'temporal-test-server'), script);
      chmodSync(path.join(staging, 'temporal-test-server'), 0o755);
    },
  });
  return launcher;
}
