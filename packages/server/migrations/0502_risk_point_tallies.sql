-- Exact counts of risk points kept by trigger, for the register's district-wide figures (issue 3,
-- bench:risk): the page total, the likelihood × impact heat map and the org × category map of a
-- district-wide reader otherwise count every one of 200,000 points on each request (≈ 120 ms of
-- PostgreSQL CPU for the total, 175 ms for the heat map). Their size is bounded by the values of the
-- counted columns, not by the number of points:
-- - derived.risk_point_tallies: all points by status and the filterable columns (no org): the district.
-- - derived.risk_point_branch_tallies: the same without likelihood and impact, by the root and the root's
--   child whose subtree holds the point's org (the root itself for its own points): the rows of
--   the org × category (object level, level) map at the top of the tree.
-- Scoped, searched or monitor-filtered figures still count the points themselves.
-- They live in the schema `derived`: data computed from other tables, which a backup leaves out (it
-- reads the schema public) and a restore rebuilds, since loading the points fires these triggers.
-- IF NOT EXISTS: a restore replays the migrations into a scratch schema to recognise their rows,
-- and this schema's objects exist already then.
CREATE SCHEMA IF NOT EXISTS derived;
CREATE TABLE IF NOT EXISTS derived.risk_point_tallies (
  status        text NOT NULL,
  level         integer NOT NULL,
  category      text NOT NULL,
  object_level  text NOT NULL,
  likelihood    double precision NOT NULL,
  impact        double precision NOT NULL,
  n             integer NOT NULL,
  PRIMARY KEY (status, level, category, object_level, likelihood, impact)
);
CREATE TABLE IF NOT EXISTS derived.risk_point_branch_tallies (
  root_id       integer NOT NULL,
  branch_id     integer NOT NULL,
  status        text NOT NULL,
  level         integer NOT NULL,
  category      text NOT NULL,
  object_level  text NOT NULL,
  n             integer NOT NULL,
  PRIMARY KEY (root_id, branch_id, status, level, category, object_level)
);

-- The branch of an org: paths are "root.child.….", the root's own path "root.".
CREATE FUNCTION risk_branch_of(path text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN split_part(path, '.', 2) = '' THEN split_part(path, '.', 1)::int ELSE split_part(path, '.', 2)::int END
$$;

-- One statement's change: +1 per new row, −1 per old row, netted per key (an edit that changes no
-- counted column touches no tally), applied in key order. The transition tables an event has
-- differ, hence the statement text chosen by event.
CREATE FUNCTION risk_point_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'org_id, status, level, category, object_level, likelihood, impact';
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS d FROM new_points', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS d FROM old_points', cols)
    ELSE format('SELECT %s, -1 AS d FROM old_points UNION ALL SELECT %s, 1 FROM new_points', cols, cols) END;
BEGIN
  EXECUTE format($q$
    WITH delta AS (%s)
    INSERT INTO derived.risk_point_tallies AS t (status, level, category, object_level, likelihood, impact, n)
    SELECT status, level, category, object_level, likelihood, impact, sum(d)
    FROM delta GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (status, level, category, object_level, likelihood, impact) DO UPDATE SET n = t.n + EXCLUDED.n$q$, delta);
  EXECUTE format($q$
    WITH delta AS (%s)
    INSERT INTO derived.risk_point_branch_tallies AS t (root_id, branch_id, status, level, category, object_level, n)
    SELECT split_part(o.path, '.', 1)::int, risk_branch_of(o.path), d.status, d.level, d.category, d.object_level, sum(d.d)
    FROM delta d JOIN orgs o ON o.id = d.org_id
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (root_id, branch_id, status, level, category, object_level) DO UPDATE SET n = t.n + EXCLUDED.n$q$, delta);
  RETURN NULL;
END $$;

CREATE TRIGGER risk_points_tally_insert AFTER INSERT ON risk_points
  REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_tallies_follow();
CREATE TRIGGER risk_points_tally_update AFTER UPDATE ON risk_points
  REFERENCING OLD TABLE AS old_points NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_tallies_follow();
CREATE TRIGGER risk_points_tally_delete AFTER DELETE ON risk_points
  REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION risk_point_tallies_follow();

-- An org moved to another branch (its path and its subtree's change): the branch tallies are
-- counted again from the points (rare, and one statement however many orgs moved).
CREATE FUNCTION risk_point_branch_tallies_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_orgs o JOIN new_orgs n ON n.id = o.id
             WHERE split_part(o.path, '.', 1) <> split_part(n.path, '.', 1) OR risk_branch_of(o.path) <> risk_branch_of(n.path)) THEN
    DELETE FROM derived.risk_point_branch_tallies;
    INSERT INTO derived.risk_point_branch_tallies (root_id, branch_id, status, level, category, object_level, n)
    SELECT split_part(o.path, '.', 1)::int, risk_branch_of(o.path), p.status, p.level, p.category, p.object_level, count(*)
    FROM risk_points p JOIN orgs o ON o.id = p.org_id GROUP BY 1, 2, 3, 4, 5, 6;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_risk_branch_moved AFTER UPDATE ON orgs
  REFERENCING OLD TABLE AS old_orgs NEW TABLE AS new_orgs FOR EACH STATEMENT EXECUTE FUNCTION risk_point_branch_tallies_rebuild();

INSERT INTO derived.risk_point_tallies (status, level, category, object_level, likelihood, impact, n)
SELECT status, level, category, object_level, likelihood, impact, count(*) FROM risk_points GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO derived.risk_point_branch_tallies (root_id, branch_id, status, level, category, object_level, n)
SELECT split_part(o.path, '.', 1)::int, risk_branch_of(o.path), p.status, p.level, p.category, p.object_level, count(*)
FROM risk_points p JOIN orgs o ON o.id = p.org_id GROUP BY 1, 2, 3, 4, 5, 6;
