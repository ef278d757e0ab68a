// The rules of this part of the product that are data (DOMAIN.md · Rules that are data, not code):
// one setting per key, stored by the server, validated by these schemas; the seeds give the defaults.
import type { z } from 'zod';
import { BottomRankingRule, DEFAULT_BOTTOM_RANKING_RULE } from '../accountability/catalogue.js';
import { CreditFormula, DEFAULT_CREDIT_FORMULA } from '../archives/integrity-credit.js';
import { DEFAULT_OPINION_SETTINGS, OpinionSettings } from '../archives/integrity-opinion.js';
import { DEFAULT_TALKER_RULES, TalkerRules } from '../talks/talks.js';
import { ConsequenceRule, DEFAULT_CONSEQUENCE_RULE } from './consequences.js';
import { DEFAULT_RATING_RULE, RatingRule } from './rating.js';

export const EVALUATION_SETTINGS = {
  rating_rule: { schema: RatingRule, default: DEFAULT_RATING_RULE, label: '廉情预警考评规则（好/中/差）' },
  consequences: { schema: ConsequenceRule, default: DEFAULT_CONSEQUENCE_RULE, label: '考评结果的后果（跟踪任务）' },
  talker_rules: { schema: TalkerRules, default: DEFAULT_TALKER_RULES, label: '谈话人规则（按岗位名称）' },
  bottom_ranking: { schema: BottomRankingRule, default: DEFAULT_BOTTOM_RANKING_RULE, label: '“连续多年考核末位”问责情形的认定' },
  credit_formula: { schema: CreditFormula, default: DEFAULT_CREDIT_FORMULA, label: '廉洁信用度计算公式' },
  opinions: { schema: OpinionSettings, default: DEFAULT_OPINION_SETTINGS, label: '党风廉政意见回复的结论类别与线索说明口径' },
} as const;

export type EvaluationSettingKey = keyof typeof EVALUATION_SETTINGS;
export const EVALUATION_SETTING_KEYS = Object.keys(EVALUATION_SETTINGS) as EvaluationSettingKey[];
export type EvaluationSettingValue<K extends EvaluationSettingKey> = z.infer<(typeof EVALUATION_SETTINGS)[K]['schema']>;
