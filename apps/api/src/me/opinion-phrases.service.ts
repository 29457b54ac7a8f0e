import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_OPINION_PHRASES, MAX_PHRASES_PER_DECISION, MAX_PHRASE_LENGTH, PHRASE_DECISIONS, PHRASE_DECISION_LABELS, type PhraseDecision, checkOpinionPhrases } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';

/** Each user's own opinion phrases (常用意见), per decision kind; the defaults for a kind they keep none for. */
@Injectable()
export class OpinionPhrasesService {
  constructor(private readonly ds: DataSource) {}

  async get(p: Principal) {
    const rows = (await this.ds.query(`SELECT decision, text FROM opinion_phrases WHERE user_id = $1 ORDER BY decision, position`, [p.userId])) as Array<{ decision: PhraseDecision; text: string }>;
    return {
      decisions: PHRASE_DECISIONS.map((decision) => {
        const own = rows.filter((r) => r.decision === decision).map((r) => r.text);
        return { decision, label: PHRASE_DECISION_LABELS[decision], own: own.length > 0, phrases: own.length ? own : [...DEFAULT_OPINION_PHRASES[decision]] };
      }),
      maxPerDecision: MAX_PHRASES_PER_DECISION,
      maxLength: MAX_PHRASE_LENGTH,
    };
  }

  /** Replaces the caller's lists whole, in one transaction; refused whole (nothing changed) when any list breaks a rule. */
  async replace(p: Principal, lists: Partial<Record<PhraseDecision, string[]>>) {
    const checked = checkOpinionPhrases(Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined)) as Record<string, string[]>);
    if ('problems' in checked) throw new ApiError('INVALID_OPINION_PHRASES', `常用意见不符合要求：${checked.problems[0]}`, checked.problems.slice(0, 20));
    await this.ds.transaction(async (m) => {
      await m.query(`DELETE FROM opinion_phrases WHERE user_id = $1`, [p.userId]);
      const rows = PHRASE_DECISIONS.flatMap((d) => checked.phrases[d].map((text, position) => ({ decision: d, position, text })));
      if (rows.length) {
        await m.query(
          `INSERT INTO opinion_phrases (user_id, decision, position, text)
           SELECT $1, r.decision, r.position, r.text FROM jsonb_to_recordset($2::jsonb) AS r(decision text, position int, text text)`,
          [p.userId, JSON.stringify(rows)],
        );
      }
    });
    return this.get(p);
  }
}
