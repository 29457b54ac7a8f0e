import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Progress, cacheDir, findOnPath, repoRoot, runWatched, stderrProgress } from './cache';
import { cachedInstall } from './cached-install';
import { freePort, portInUse, waitFor } from './ports';

export const TEST_SERVER_VERSION = '1.38.0';
/** Bumped when the launcher (tools/temporal-test-server/src) changes: a cached build with the old one is not reused. */
const LAUNCHER_REVISION = 2;

/**
 * Provides Temporal's time-skipping test server: the Java build from Maven
 * Central (the SDK's own download host is out of reach here), started by our
 * own small main class (it drops the server's never-trimmed debug list of time
 * locks, which made long simulations slow down quadratically; see its comment)
 * through a script that `TestWorkflowEnvironment.createTimeSkipping` runs via its
 * `existing-path` executable option; the SDK passes the port as its argument.
 */
export async function ensureTimeSkippingServer(progress: Progress = stderrProgress): Promise<string> {
  const home = path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}-launcher-${LAUNCHER_REVISION}`);
  const launcher = path.join(home, 'temporal-test-server');
  if (existsSync(launcher)) {
    await ensureClassArchive(home, launcher, progress);
    return launcher;
  }

  const java = findOnPath('java');
  const javac = findOnPath('javac');
  const jar = findOnPath('jar');
  const mvn = findOnPath('mvn');
  if (!java || !javac || !jar) throw new Error('The time-skipping test server needs a Java 11 or later JDK (java, javac and jar): install one (e.g. apt-get install default-jdk-headless)');
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
      progress('compiling the test server launcher…');
      const classes = path.join(staging, 'classes');
      await runWatched(javac, ['-cp', path.join(staging, 'lib', '*'), '-d', classes, path.join(repoRoot(), 'tools/temporal-test-server/src/PennantTestServer.java')], {
        label: 'compiling the test server launcher',
        progress,
      });
      // A jar, not a folder: the JVM's class-data archive only takes jars on the class path.
      await runWatched(jar, ['cf', path.join(staging, 'launcher.jar'), '-C', classes, '.'], { label: 'packaging the test server launcher', progress });
      rmSync(classes, { recursive: true, force: true });
      // Named one by one, in a fixed order: the class-data archive is only used with the class path it was made with.
      const classPath = ['launcher.jar', ...jars.sort().map((j) => `lib/${j}`)].map((f) => `$here/${f}`).join(':');
      const script = [
        '#!/bin/sh',
        '# Launches the Temporal time-skipping test server; the first argument is the port.',
        '# With the class-data archive made at install, the JVM starts in a fraction of the time (the SDK waits only 5 s for the port).',
        'here=$(cd "$(dirname "$0")" && pwd)',
        `if [ -n "$${DUMP_ENV}" ]; then cds="-XX:ArchiveClassesAtExit=$${DUMP_ENV}"; elif [ -f "$here/${ARCHIVE}" ]; then cds="-XX:SharedArchiveFile=$here/${ARCHIVE}"; else cds=""; fi`,
        `exec "${java}" $cds -XX:+UseSerialGC -Xss512k -cp "${classPath}" PennantTestServer "$@"`,
        '',
      ].join('\n');
      writeFileSync(path.join(staging, 'temporal-test-server'), script);
      chmodSync(path.join(staging, 'temporal-test-server'), 0o755);
    },
  });
  await ensureClassArchive(home, launcher, progress);
  return launcher;
}

const ARCHIVE = 'launcher.jsa';
const DUMP_ENV = 'PENNANT_TEST_SERVER_CDS_DUMP';

/**
 * Makes the JVM's class-data archive of a server start once, after the install is in
 * its final folder (the archive holds absolute class paths): the launcher is run with
 * the archive being written at exit, stopped once its port answers, and the archive
 * renamed into place. Best effort: without it the server only starts more slowly.
 */
async function ensureClassArchive(home: string, launcher: string, progress: Progress): Promise<void> {
  const archive = path.join(home, ARCHIVE);
  if (existsSync(archive)) return;
  const partial = `${archive}.partial-${process.pid}`;
  const port = await freePort();
  progress('recording the class-data archive of the test server (one time)…');
  const child = spawn(launcher, [String(port), '--enable-time-skipping'], { env: { ...process.env, [DUMP_ENV]: partial }, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor('the test server to open its port', () => portInUse(port), 120_000);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  if (existsSync(partial)) renameSync(partial, archive);
  else progress('the class-data archive was not written; the test server starts without it');
}
