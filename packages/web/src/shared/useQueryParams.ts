import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

type Value = string | number | null | undefined;

/**
 * A page's filters kept in its address: `set({ key: value })` changes those keys (an empty value
 * removes one) and keeps every other. It starts from the address as it is now, not as it was when
 * the caller last rendered: a search fired by a timer set before another filter changed used to
 * drop that filter.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (entries: Record<string, Value>, options: { push?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(entries)) {
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      setParams(next, { replace: !options.push });
    },
    [setParams],
  );
  return [params, set] as const;
}
