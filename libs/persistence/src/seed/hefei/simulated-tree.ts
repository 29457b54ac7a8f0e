import type { BranchDomain } from '../../../../domain/src';
import type { DemoOrg } from '../demo-tree';
import { HEFEI_ROOT_CODE } from './tree';

const KINDS = [
  { committee: (n: number) => `中共合肥市第${n}监狱委员会`, branch: (n: number, k: number) => `第${n}监狱第${k}监区党支部`, legal: false },
  { committee: (n: number) => `中共合肥市第${n}强制隔离戒毒所委员会`, branch: (n: number, k: number) => `第${n}戒毒所第${k}大队党支部`, legal: false },
  { committee: (n: number) => `中共合肥市司法局机关第${n}委员会`, branch: (n: number, k: number) => `局机关第${n}委员会第${k}党支部`, legal: false },
  { committee: (n: number) => `中共合肥市律师行业第${n}委员会`, branch: (n: number, k: number) => `律师行业第${n}委员会第${k}律师事务所党支部`, legal: true },
] as const;

/**
 * A justice bureau of `branches` branches for the simulation, shaped like
 * Hefei's demo: the bureau committee, its political department, and grassroots
 * committees of about twenty branches each (so the 10% cap allows two A
 * grades), every fourth one of the legal sector. In each legal-sector committee
 * one branch in ten is a private enterprise, one has no members (for cleanup)
 * and two have fewer than 3 (for focused help). Deterministic; codes follow the
 * demo's, so hefeiDemoUsers names the users alike.
 */
export function hefeiSimulatedTree(branches: number): DemoOrg {
  const gCount = Math.max(1, Math.round(branches / 20));
  const committees: DemoOrg[] = [];
  let made = 0;
  for (let g = 0; g < gCount; g++) {
    const kind = KINDS[g % KINDS.length]!;
    const n = Math.floor(g / KINDS.length) + 1;
    const code = `${HEFEI_ROOT_CODE}-g${String(g + 1).padStart(2, '0')}`;
    const size = Math.floor(((g + 1) * branches) / gCount) - Math.floor((g * branches) / gCount);
    const children: DemoOrg[] = Array.from({ length: size }, (_, k) => {
      const i = made++;
      let domain: BranchDomain = 'government_institution';
      let memberCount = 5 + ((i * 13) % 30);
      let name = kind.branch(n, k + 1);
      if (kind.legal) {
        domain = k % 10 === 9 ? 'private_enterprise' : 'social_organization';
        if (domain === 'private_enterprise') name = `律师行业第${n}委员会第${k + 1}法律服务有限公司党支部`;
        memberCount = k === size - 1 ? 0 : k === size - 2 ? 1 : k === size - 3 ? 2 : 3 + ((i * 7) % 20);
      }
      return { code: `${code}-b${String(k + 1).padStart(2, '0')}`, name, level: 'branch', domain, memberCount };
    });
    committees.push({ code, name: kind.committee(n), level: 'grassroots_committee', children });
  }
  return {
    code: HEFEI_ROOT_CODE,
    name: '中共合肥市司法局委员会',
    level: 'city_managed_committee',
    children: [{ code: `${HEFEI_ROOT_CODE}-zzb`, name: '合肥市司法局政治部', level: 'political_department' }, ...committees],
  };
}
