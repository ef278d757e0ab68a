-- The register's counts and heat maps read only current points (not superseded, not retired), by
-- org and by the filtered columns: this partial index answers them with an index-only scan. On the
-- 200,000-point benchmark data, town1's page total went from a scan of the points by id to 1.4 ms,
-- and "level 1, business process" district-wide from 54 ms (parallel sequential scan) to 21 ms
-- (EXPLAIN ANALYZE on the loaded bench machine; bench:risk, README · Performance).
CREATE INDEX risk_points_current ON risk_points (org_id, level, category, object_level, likelihood, impact)
  WHERE status NOT IN ('superseded', 'retired');
