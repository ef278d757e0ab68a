import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext';
import { orgsApi, type Org } from './api';
import { buildOrgTree, type OrgNode } from './tree';

interface OrgsState {
  /** Every org in the user's scope, retired ones included. */
  all: Org[];
  active: Org[];
  byId: Map<number, Org>;
  /** The tree of active orgs. */
  tree: OrgNode[];
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

const OrgsContext = createContext<OrgsState | null>(null);

/** The scoped org list, loaded once per session and shared by the tree, the pickers and the labels. */
export function OrgsProvider({ children }: { children: ReactNode }) {
  const { can } = useAuth();
  const allowed = can('orgs.read');
  const [all, setAll] = useState<Org[]>([]);
  const [loading, setLoading] = useState(allowed);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!allowed) return;
    setLoading(true);
    try {
      setAll((await orgsApi.list(true)).items);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [allowed]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => {
    const active = all.filter((o) => !o.retiredAt);
    return { all, active, byId: new Map(all.map((o) => [o.id, o])), tree: buildOrgTree(active), loading, error, reload };
  }, [all, loading, error, reload]);
  return <OrgsContext.Provider value={value}>{children}</OrgsContext.Provider>;
}

export function useOrgs(): OrgsState {
  const ctx = useContext(OrgsContext);
  if (!ctx) throw new Error('useOrgs outside OrgsProvider');
  return ctx;
}
