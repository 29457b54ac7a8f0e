import type { DataSource } from 'typeorm';
import { scopePathOf } from '../../../../libs/domain/src';
import { type WujinSections, wujinSectionsSchema } from './dashboard-schema';
import { phaseFigures } from './phase-figures';
import { complianceFigures, scoreFigures } from './standing-figures';
import { brandFigures, obligationSection, rectificationFigures } from './work-figures';

export { wujinSectionsSchema };

/**
 * Wujin's dashboard sections over one subtree (`under`, a path pattern): the
 * phases with their targets and outcomes, compliance by committee, scores and
 * vetoes, rectifications, brands and the standing obligations.
 */
export async function wujinSections(ds: DataSource, campaignId: string, under: string): Promise<WujinSections> {
  const [c] = await ds.query(`SELECT c.params, o.path, o.level FROM campaigns c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`, [campaignId]);
  const passThreshold = typeof c.params?.passThreshold === 'number' ? c.params.passThreshold : 85;
  const wholeDistrict = scopePathOf(c).startsWith(under.slice(0, -1));
  const [phases, compliance, scores, rectifications, brands, obligations] = await Promise.all([
    phaseFigures(ds, campaignId, under, wholeDistrict),
    complianceFigures(ds, campaignId, under),
    scoreFigures(ds, campaignId, under, passThreshold),
    rectificationFigures(ds, campaignId, under),
    brandFigures(ds, campaignId, under),
    obligationSection(ds, campaignId, under),
  ]);
  return { phases, compliance, scores, rectifications, brands, obligations };
}
