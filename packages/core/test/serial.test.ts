import { describe, expect, it } from 'vitest';
import { formatSerial, isValidSerialTemplate } from '../src/index.js';

describe('serial numbers of registers and documents', () => {
  it.each([
    ['示纪预〔{year}〕{seq:4}号', 2026, 1, '示纪预〔2026〕0001号'],
    ['示纪预〔{year}〕{seq:4}号', 2026, 12345, '示纪预〔2026〕12345号'],
    ['示纪发〔{year}〕{seq}号', 2027, 7, '示纪发〔2027〕7号'],
  ])('%s with %i/%i → %s', (template, year, seq, expected) => {
    expect(formatSerial(template, { year, seq })).toBe(expected);
  });

  it.each([
    ['示纪预〔{year}〕{seq:4}号', true],
    ['示纪预〔{year}〕号', false], // every document would get the same number
    ['示纪预〔{yaer}〕{seq}号', false], // a misspelt placeholder
  ])('%s is a valid template: %s', (template, valid) => {
    expect(isValidSerialTemplate(template)).toBe(valid);
  });
});
