import { clearInfra } from './infra';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __pennantPg?: { stop(): Promise<void> } }).__pennantPg;
  await pg?.stop();
  clearInfra();
}
