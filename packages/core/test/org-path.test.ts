import { describe, expect, it } from 'vitest';
import { childPath, isInSubtree, moveCreatesCycle, pathDepth, pathIds, rebasePath, rootPath } from '../src/index.js';

describe('rootPath / childPath', () => {
  it('builds materialised paths ending with a dot', () => {
    expect(rootPath(1)).toBe('1.');
    expect(childPath('1.', 5)).toBe('1.5.');
    expect(childPath('1.5.', 23)).toBe('1.5.23.');
  });
});

describe('pathDepth', () => {
  it.each([
    ['1.', 0],
    ['1.5.', 1],
    ['1.5.23.', 2],
    ['10.200.3000.4.', 3],
  ])('%s → %i', (path, depth) => {
    expect(pathDepth(path)).toBe(depth);
  });
});

describe('pathIds', () => {
  it.each([
    ['1.', [1]],
    ['1.5.23.', [1, 5, 23]],
    ['10.200.3000.4.', [10, 200, 3000, 4]],
  ])('%s → %j', (path, ids) => {
    expect(pathIds(path)).toEqual(ids);
  });
});

describe('isInSubtree', () => {
  it.each([
    ['1.1.', '1.1.', true, 'a node is in its own subtree'],
    ['1.1.7.', '1.1.', true, 'child'],
    ['1.1.7.9.', '1.1.', true, 'grandchild'],
    ['1.1.7.9.', '1.', true, 'under the root'],
    ['1.12.', '1.1.', false, 'the prefix trap: 12 is not under 1'],
    ['1.12.3.', '1.1.', false, 'the prefix trap, one level deeper'],
    ['1.', '1.1.', false, 'an ancestor is not in its descendant’s subtree'],
    ['1.2.', '1.1.', false, 'sibling'],
    ['11.', '1.', false, 'another root that starts with the same digit'],
  ])('%s under %s → %s (%s)', (path, ancestor, expected) => {
    expect(isInSubtree(path, ancestor)).toBe(expected);
  });
});

describe('moveCreatesCycle', () => {
  it.each([
    ['1.5.', '1.5.', true, 'under itself'],
    ['1.5.', '1.5.23.', true, 'under its child'],
    ['1.5.', '1.5.23.40.', true, 'under its grandchild'],
    ['1.5.', '1.6.', false, 'under a sibling'],
    ['1.5.', '1.', false, 'under the root'],
    ['1.5.', '1.55.', false, 'under an org whose id starts with the same digits'],
    ['1.5.23.', '1.5.', false, 'back under its own parent'],
  ])('%s → %s: %s (%s)', (org, newParent, expected) => {
    expect(moveCreatesCycle(org, newParent)).toBe(expected);
  });
});

describe('rebasePath', () => {
  it.each([
    ['1.5.', '1.5.', '1.7.5.', '1.7.5.'],
    ['1.5.23.', '1.5.', '1.7.5.', '1.7.5.23.'],
    ['1.5.23.40.', '1.5.', '1.7.8.5.', '1.7.8.5.23.40.'],
    ['1.5.23.40.', '1.5.23.', '1.23.', '1.23.40.'],
  ])('%s moving %s → %s gives %s', (path, oldOrg, newOrg, expected) => {
    expect(rebasePath(path, oldOrg, newOrg)).toBe(expected);
  });

  it('refuses a path outside the moved subtree, including the prefix trap', () => {
    expect(() => rebasePath('1.6.', '1.5.', '1.7.5.')).toThrow('path 1.6. is not under 1.5.');
    expect(() => rebasePath('1.55.', '1.5.', '1.7.5.')).toThrow('path 1.55. is not under 1.5.');
  });

  it('keeps depth consistent with the new position', () => {
    const moved = rebasePath('1.5.23.40.', '1.5.', '1.7.8.5.');
    expect(pathDepth(moved)).toBe(pathDepth('1.5.23.40.') + 2);
    expect(pathIds(moved)).toEqual([1, 7, 8, 5, 23, 40]);
  });
});
