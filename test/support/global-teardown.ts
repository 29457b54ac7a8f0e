import { rmSync } from 'node:fs';
import path from 'node:path';
import { clearInfra, readInfra } from './infra';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __pennantPg?: { stop(): Promise<void> } }).__pennantPg;
  await pg?.stop();
  const infra = readInfra();
  rmSync(path.dirname(infra.workflowBundle), { recursive: true, force: true });
  if (infra.openapi) rmSync(path.dirname(infra.openapi.document), { recursive: true, force: true });
  clearInfra();
}
