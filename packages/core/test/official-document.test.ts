import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumeral, headingLabels, type DocumentBlock } from '../src/index.js';

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
  ])('%i → %s', (n, expected) => expect(chineseNumeral(n)).toBe(expected));

  it.each([0, 100, 1.5])('refuses %s', (n) => expect(() => chineseNumeral(n)).toThrow(RangeError));
});

describe('headingLabels', () => {
  it('numbers 一、（一）1. by position, restarting under a higher level', () => {
    const h = (level: 1 | 2 | 3): DocumentBlock => ({ kind: 'heading', level, text: 'x' });
    const p: DocumentBlock = { kind: 'paragraph', text: 'p' };
    expect(headingLabels([h(1), p, h(2), h(3), h(3), h(2), h(3), h(1), h(2), p])).toEqual([
      '一、', null, '（一）', '1.', '2.', '（二）', '1.', '二、', '（一）', null,
    ]);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2026-11-23', '2026年11月23日'],
    ['2026-01-05', '2026年1月5日'],
  ])('%s → %s', (iso, expected) => expect(chineseDate(iso)).toBe(expected));

  it('refuses a non-ISO date', () => expect(() => chineseDate('2026/11/23')).toThrow(RangeError));
});
