// Chinese full-text search without a segmenter: text is cut into overlapping two-character grams
// (二元切分). A query matches a clue whose grams contain all of the query's grams, confirmed by a
// substring test; 红包 → [红包] is found in 收受红包礼金 → [收受, 受红, 红包, 包礼, 礼金].

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** Lower-cased, full-width folded (ＡＢＣ１ → abc1) text. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The search terms of a text: Han bigrams (a lone Han character by itself), Latin/digit words. */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  const chars = [...normaliseText(text)];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (HAN.test(c)) {
      let j = i;
      while (j < chars.length && HAN.test(chars[j]!)) j++;
      if (j - i === 1) terms.add(c);
      for (let k = i; k + 1 < j; k++) terms.add(chars[k]! + chars[k + 1]!);
      i = j;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < chars.length && WORD.test(chars[j]!) && !HAN.test(chars[j]!)) j++;
      terms.add(chars.slice(i, j).join(''));
      i = j;
    } else {
      i++;
    }
  }
  return [...terms];
}

/**
 * The terms an index can use for a query: its bigrams and words. A query of one Han character has no
 * bigram (the index holds none): null, the caller falls back to a substring scan.
 */
export function queryTerms(query: string): string[] | null {
  const terms = searchTerms(query).filter((t) => !(t.length === 1 && HAN.test(t)));
  return terms.length ? terms : null;
}

/** Jaccard similarity of two texts' term sets, 0…1. */
export function textSimilarity(a: string, b: string): number {
  const x = new Set(searchTerms(a));
  const y = new Set(searchTerms(b));
  if (x.size === 0 && y.size === 0) return 0;
  let common = 0;
  for (const t of x) if (y.has(t)) common++;
  return common / (x.size + y.size - common);
}

export interface DuplicateCandidate {
  id: number;
  subjectPersonId: number | null;
  subjectOrgId: number | null;
  subjectText: string | null;
  receivedOn: string;
  content: string;
}

export const DUPLICATE_SIMILARITY = 0.5;

/** Same subject: the same person, else the same org (no person on either side), else the same text. */
export function sameSubject(a: Omit<DuplicateCandidate, 'id' | 'receivedOn' | 'content'>, b: Omit<DuplicateCandidate, 'id' | 'receivedOn' | 'content'>): boolean {
  if (a.subjectPersonId !== null || b.subjectPersonId !== null) return a.subjectPersonId === b.subjectPersonId;
  if (a.subjectOrgId !== null || b.subjectOrgId !== null) return a.subjectOrgId === b.subjectOrgId;
  const ta = a.subjectText?.trim();
  return !!ta && ta === b.subjectText?.trim();
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The most similar earlier clue that is a possible duplicate (重复件): same subject, received within
 * `windowDays`, text similarity at least DUPLICATE_SIMILARITY. Ties go to the older clue.
 */
export function findDuplicate(clue: Omit<DuplicateCandidate, 'id'>, candidates: DuplicateCandidate[], windowDays: number): { id: number; similarity: number } | null {
  let best: { id: number; similarity: number } | null = null;
  for (const c of candidates) {
    if (!sameSubject(clue, c)) continue;
    if (Math.abs(dayNumber(clue.receivedOn) - dayNumber(c.receivedOn)) > windowDays) continue;
    const similarity = textSimilarity(clue.content, c.content);
    if (similarity < DUPLICATE_SIMILARITY) continue;
    if (!best || similarity > best.similarity || (similarity === best.similarity && c.id < best.id)) best = { id: c.id, similarity };
  }
  return best;
}
