import { type DemoOrg, SEEDED_DOMAINS, TOWNSHIP_AGENCY_KINDS, agencies, branchName } from './demo-tree';

const COUNTIES = ['泰山区', '岱岳区', '新泰市', '肥城市', '宁阳县', '东平县', '高新区', '泰山景区', '徐家汇经济开发区', '旅游经济开发区'];
/** The first six are the city's counties, districts and county-level cities (县市区); the rest are zones with their own committees. */
const COUNTY_LEVEL = 6;

/**
 * A city of `branches` branches for the simulation, shaped like the demo:
 * about sixty branches per city-managed committee (each with its agencies),
 * ten per grassroots committee, and one branch in twenty hanging directly under
 * its city-managed committee. Codes follow the demo's, so users are named alike.
 */
export function simulatedTree(branches: number): DemoOrg {
  const cmCount = Math.max(2, Math.round(branches / 60));
  let made = 0;
  const cityManaged: DemoOrg[] = [];
  for (let c = 0; c < cmCount; c++) {
    const code = `cm${String(c + 1).padStart(2, '0')}`;
    const county = COUNTIES[c % COUNTIES.length]! + (c >= COUNTIES.length ? `${Math.floor(c / COUNTIES.length) + 1}` : '');
    const name = `中共泰安市${county}委员会`;
    const count = Math.floor(((c + 1) * branches) / cmCount) - Math.floor((c * branches) / cmCount);
    const branch = (parentCode: string, i: number): DemoOrg => {
      const n = made++;
      const domain = SEEDED_DOMAINS[n % SEEDED_DOMAINS.length]!;
      return { code: `${parentCode}-b${String(i + 1).padStart(2, '0')}`, name: `${county}${branchName(domain, Math.floor(n / SEEDED_DOMAINS.length))}`.replace(/党支部$/, `第${n + 1}党支部`), level: 'branch', domain };
    };
    const direct = Math.floor(count / 20);
    const children: DemoOrg[] = [];
    const inGrassroots = count - direct;
    const gCount = Math.max(1, Math.round(inGrassroots / 10));
    for (let g = 0; g < gCount; g++) {
      const gCode = `${code}-g${String(g + 1).padStart(2, '0')}`;
      const size = Math.floor(((g + 1) * inGrassroots) / gCount) - Math.floor((g * inGrassroots) / gCount);
      children.push({ code: gCode, name: `中共${county}第${g + 1}街道（镇）委员会`, level: 'grassroots_committee', children: [...Array.from({ length: size }, (_, i) => branch(gCode, i)), ...agencies(gCode, `${county}第${g + 1}街道（镇）`, TOWNSHIP_AGENCY_KINDS)] });
    }
    for (let d = 0; d < direct; d++) children.push(branch(`${code}-d`, d));
    children.push(...agencies(code, county));
    cityManaged.push({ code, name, level: 'city_managed_committee', county: c % COUNTIES.length < COUNTY_LEVEL, children });
  }
  return {
    code: 'taian',
    name: '中共泰安市委员会',
    level: 'city_committee',
    children: [{ code: 'taian-zzb', name: '中共泰安市委组织部', level: 'org_department' }, ...cityManaged, ...agencies('taian', '泰安市')],
  };
}
