/** The public objecting to the notices of a Tai'an year, some objections to be upheld. */
import { keyed } from '../random';
import type { ActorContext } from './actor-context';
import { ARRIVAL_LAG } from './tasks';

/** An open notice the public has not read yet, with the items it lists. */
export interface UnreadNotice {
  id: string;
  scope: string;
  level: string;
  title: string;
  items: Array<{ item_id: string; name: string }>;
}

/** The open notices nobody has read yet, as the public finds them in the morning (see ARRIVAL_LAG): by title, and the items of each by name. */
export async function unreadNotices(x: Pick<ActorContext, 'owner' | 'campaignId' | 'acted' | 'now'>): Promise<UnreadNotice[]> {
  const notices: Array<Omit<UnreadNotice, 'items'>> = await x.owner.query(
    `SELECT p.id, p.scope, o.level, p.title FROM public_notices p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.campaign_id = $1 AND p.status = 'open' AND p.published_at < $2 ORDER BY p.title, o.code, p.scope`,
    [x.campaignId, new Date(x.now - ARRIVAL_LAG)],
  );
  const unread: UnreadNotice[] = [];
  for (const n of notices.filter((m) => !x.acted.has(m.id))) {
    const items: UnreadNotice['items'] = await x.owner.query(`SELECT item_id, name FROM public_notice_items WHERE notice_id = $1 AND status = 'listed' ORDER BY name`, [n.id]);
    unread.push({ ...n, items });
  }
  return unread;
}

/** The public reads the open notices; some objections are lodged, and on unit notices of city-managed committees one in three proves true. */
export async function objectToNotices(x: Pick<ActorContext, 'api' | 'script' | 'acted' | 'seed'>, notices: readonly UnreadNotice[]): Promise<void> {
  for (const n of notices) {
    if (x.acted.has(n.id)) continue;
    x.acted.add(n.id);
    const upheldSoFar = x.script.upheldObjections.size;
    // Objections to a committee's notice may prove true; to the city's notice they are lodged and dismissed, so the named list stays full.
    const chance = n.level === 'city_managed_committee' ? (upheldSoFar === 0 ? 1 : 0.6) : n.scope === 'society' ? 1 : 0.15;
    if (!n.items.length || keyed(x.seed, `object:${n.title}`) >= chance) continue;
    const item = n.items[Math.floor(keyed(x.seed, `item:${n.title}`) * n.items.length)]!.item_id;
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
