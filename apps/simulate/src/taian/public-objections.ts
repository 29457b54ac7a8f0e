/** The public objecting to the notices of a Tai'an year, some objections to be upheld. */
import { keyed } from '../random';
import type { ActorContext } from './actor-context';

/** The public reads the open notices; some objections are lodged, and on unit notices of city-managed committees one in three proves true. */
export async function objectToNotices(x: Pick<ActorContext, 'owner' | 'api' | 'campaignId' | 'script' | 'acted' | 'seed'>): Promise<void> {
  const notices: Array<{ id: string; scope: string; level: string; title: string }> = await x.owner.query(
    `SELECT p.id, p.scope, o.level, p.title FROM public_notices p JOIN organisations o ON o.id = p.organisation_id WHERE p.campaign_id = $1 AND p.status = 'open' ORDER BY p.title`,
    [x.campaignId],
  );
  for (const n of notices) {
    if (x.acted.has(n.id)) continue;
    x.acted.add(n.id);
    const items: Array<{ item_id: string; name: string }> = await x.owner.query(`SELECT item_id, name FROM public_notice_items WHERE notice_id = $1 AND status = 'listed' ORDER BY name`, [n.id]);
    const upheldSoFar = x.script.upheldObjections.size;
    // Objections to a committee's notice may prove true; to the city's notice they are lodged and dismissed, so the named list stays full.
    const chance = n.level === 'city_managed_committee' ? (upheldSoFar === 0 ? 1 : 0.6) : n.scope === 'society' ? 1 : 0.15;
    if (!items.length || keyed(x.seed, `object:${n.title}`) >= chance) continue;
    const item = items[Math.floor(keyed(x.seed, `item:${n.title}`) * items.length)]!.item_id;
    const res = await x.api.call('POST', `/public/notices/${n.id}/objections`, null, {
      itemId: item,
      anonymous: true,
      content: '反映该党支部书记长期不在岗，组织生活流于形式，请予核查。',
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`objection: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const upheld = n.level === 'city_managed_committee' && (upheldSoFar === 0 || keyed(x.seed, `uphold:${n.title}`) < 0.33);
    if (upheld) x.script.upheldObjections.add(res.body!.objectionId ?? res.body!.id!);
  }
}
