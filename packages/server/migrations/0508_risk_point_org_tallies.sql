-- Points per org and status, kept by trigger, for the public portal's list of units (GET
-- /api/portal/orgs, no login): it counted every published point of the district on each visit —
-- 140,000 of the 200,000 bench points, ≈ 70 ms of PostgreSQL per anonymous request. In `derived`
-- like 0502's tallies (left out of backups, rebuilt as a restore loads the points); keyed by org, so
-- an org's move changes nothing here. At most orgs × statuses rows.
CREATE SCHEMA IF NOT EXISTS derived;
CREATE TABLE IF NOT EXISTS derived.risk_point_org_tallies (
  org_id  integer NOT NULL,
  status  text NOT NULL,
  n       integer NOT NULL,
  PRIMARY KEY (org_id, status)
);

-- One statement's change, netted per key and applied in key order (see 0502).
CREATE FUNCTION risk_point_org_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT org_id, status, 1 AS d FROM new_points'
    WHEN 'DELETE' THEN 'SELECT org_id, status, -1 AS d FROM old_points'
    ELSE 'SELECT org_id, status, -1 AS d FROM old_points UNION ALL SELECT org_id, status, 1 FROM new_points' END;
BEGIN
  EXECUTE format($q$
    WITH delta AS (%s)
    INSERT INTO derived.risk_point_org_tallies AS t (org_id, status, n)
    SELECT org_id, status, sum(d) FROM delta
    GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (org_id, status) DO UPDATE SET n = t.n + EXCLUDED.n$q$, delta);
  RETURN NULL;
END $$;

CREATE TRIGGER risk_points_org_tally_insert AFTER INSERT ON risk_points
  REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_org_tallies_follow();
CREATE TRIGGER risk_points_org_tally_update AFTER UPDATE ON risk_points
  REFERENCING OLD TABLE AS old_points NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_org_tallies_follow();
CREATE TRIGGER risk_points_org_tally_delete AFTER DELETE ON risk_points
  REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_org_tallies_follow();

INSERT INTO derived.risk_point_org_tallies (org_id, status, n)
SELECT org_id, status, count(*) FROM risk_points GROUP BY 1, 2;
