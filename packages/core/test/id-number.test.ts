import { describe, expect, it } from 'vitest';
import {
  birthDateFromIdNumber,
  checkIdNumber,
  genderFromIdNumber,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  type IdNumberProblem,
} from '../src/index.js';

// Check characters below were computed independently (ISO 7064 MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
describe('idNumberCheckChar (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example
    ['44052418800101001', '4'], // the standard's other example
    ['11010119900307123', '3'],
    ['12010619850615201', '8'],
    ['31011520000229004', '8'],
    ['51010719991231888', '1'],
    ['11010520000101100', '0'],
    ['32010219880715000', 'X'],
    ['32010219880715019', 'X'],
  ])('%s → %s', (first17, expected) => {
    expect(idNumberCheckChar(first17)).toBe(expected);
  });
});

describe('checkIdNumber', () => {
  const cases: [string, string, IdNumberProblem | null][] = [
    ['valid, X check character', '11010519491231002X', null],
    ['valid, lowercase x check character', '11010519491231002x', null],
    ['valid, another X', '32010219880715019X', null],
    ['valid, digit check character', '110101199003071233', null],
    ['valid, 0 check character', '110105200001011000', null],
    ['valid, leap day of a leap year', '310115200002290048', null],
    ['valid, last day of the year', '510107199912318881', null],
    ['wrong check digit', '110105194912310021', 'check_digit'],
    ['X where a digit belongs', '11010119900307123X', 'check_digit'],
    ['digit where X belongs', '110105194912310020', 'check_digit'],
    ['the smoke-test number', '110101199003077777', 'check_digit'],
    ['February 30', '110101199002300000', 'birth_date'],
    ['February 29 of 2023 (not a leap year)', '110101202302290000', 'birth_date'],
    ['February 29 of 1900 (not a leap year)', '110101190002290000', 'birth_date'],
    ['month 13', '110101199013010000', 'birth_date'],
    ['month 00', '110101199000010000', 'birth_date'],
    ['day 00', '110101199001000000', 'birth_date'],
    ['April 31', '110101199004310000', 'birth_date'],
    ['born before 1900 (the standard example 440524188001010014)', '440524188001010014', 'birth_date'],
    ['17 characters', '11010519491231002', 'format'],
    ['19 characters', '11010519491231002X1', 'format'],
    ['15-digit first-generation number', '110105491231002', 'format'],
    ['empty', '', 'format'],
    ['letter inside', '1101051949123100AX', 'format'],
    ['X not last', '1101051949123100X2', 'format'],
    ['other check letter', '11010519491231002Y', 'format'],
    ['leading space (no trimming here)', ' 11010519491231002X', 'format'],
    ['full-width digits', '１１０１０５１９４９１２３１００２X', 'format'],
    ['hyphenated', '110105-19491231-002X', 'format'],
  ];
  it.each(cases)('%s: %s → %s', (_label, value, expected) => {
    expect(checkIdNumber(value)).toBe(expected);
    expect(isValidIdNumber(value)).toBe(expected === null);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['110101199003071233', '110101********1233'],
    ['1234567890', '1234567890'],
    ['12345678901', '123456*8901'],
    ['123456789', '*********'],
    ['', ''],
  ])('%s → %s', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });

  it('keeps the birth date and sequence hidden for every 18-character number', () => {
    const masked = maskIdNumber('32010219880715019X');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('19880715');
    expect(masked.slice(6, 14)).toBe('********');
  });
});

describe('gender and birth date from the number', () => {
  it.each([
    ['11010519491231002X', 'female', '1949-12-31'],
    ['440524188001010014', 'male', '1880-01-01'],
    ['110101199003071233', 'male', '1990-03-07'],
    ['510107199912318881', 'female', '1999-12-31'],
    ['120106198506152018', 'male', '1985-06-15'],
    ['310115200002290048', 'female', '2000-02-29'],
    ['32010219880715019X', 'male', '1988-07-15'],
  ] as const)('%s → %s, %s', (value, gender, birthDate) => {
    expect(genderFromIdNumber(value)).toBe(gender);
    expect(birthDateFromIdNumber(value)).toBe(birthDate);
  });
});
