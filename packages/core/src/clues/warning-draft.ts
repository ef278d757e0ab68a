// Seed 000: a clue whose disposal is 发出预警 becomes a warning. Once the centre approves that disposal,
// the issuer starts from a draft made here and edits it; nothing is issued without them.
import { DISPOSAL_MEASURES, type SubjectKind, type WarningLevel } from '../warnings/levels.js';
import { CLUE_CHANNELS, PROBLEM_TYPES, type ClueChannel, type ProblemType } from './dictionaries.js';

export interface ClueForWarning {
  id: number;
  ledgerNo: string;
  channel: ClueChannel;
  problemType: ProblemType;
  subjectPersonId: number | null;
  subjectOrgId: number | null;
  /** The level the clue was graded at, and the one the approved disposal chose. */
  clueLevel: WarningLevel | null;
  disposalLevel: WarningLevel | null;
  disposalNote: string;
}

const GRAVITY: Record<WarningLevel, string> = { 1: '苗头性、倾向性问题', 2: '较为严重的问题', 3: '严重问题' };

/**
 * The draft of the warning a clue's disposal decided on. The facts the subject will read name only
 * the kind of problem, never the clue, its channel or its words (DOMAIN.md · secrecy: a subject never
 * sees the clue or its source); the ledger number and the decision go into the internal basis.
 */
export function warningDraftFromClue(c: ClueForWarning) {
  const subjectKind: SubjectKind = c.subjectPersonId != null ? 'person' : 'org';
  const level = c.disposalLevel ?? c.clueLevel ?? 1;
  return {
    subjectKind,
    subjectPersonId: subjectKind === 'person' ? c.subjectPersonId : null,
    subjectOrgId: subjectKind === 'org' ? c.subjectOrgId : null,
    level,
    facts: `经了解，${subjectKind === 'person' ? '你' : '你单位'}在“${PROBLEM_TYPES[c.problemType]}”方面存在${GRAVITY[level]}。请对照本通知的要求，在期限内如实说明情况并认真整改。`,
    basis: `预警信息台账 ${c.ledgerNo}（${CLUE_CHANNELS[c.channel]}）；处置意见：${c.disposalNote}`,
    clueId: c.id,
    disposalMeasures: [DISPOSAL_MEASURES[subjectKind][0]] as string[],
  };
}

