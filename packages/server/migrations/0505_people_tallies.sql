-- Exact counts of people per org kept by trigger, for the people list's total (issue 2, bench:api):
-- the whole district's first page otherwise counts 98,683 people on each request (≈ 10–14 ms of
-- PostgreSQL CPU), a township's 2,784 (≈ 1 ms, more than the page itself). A list that searches by
-- name or ID number still counts the people themselves. At most orgs × 3 talk classes × 2 rows.
-- In the schema `derived` like the risk point tallies (0502): a backup leaves it out, a restore
-- rebuilds it, since loading the people fires these triggers.
CREATE SCHEMA IF NOT EXISTS derived;
CREATE TABLE IF NOT EXISTS derived.people_tallies (
  org_id      integer NOT NULL,
  talk_class  text NOT NULL,
  retired     boolean NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (org_id, talk_class, retired)
);

-- One statement's change, netted per key and applied in key order (two concurrent statements then
-- lock the same tally rows in the same order); the transition tables differ by event.
CREATE FUNCTION people_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'org_id, talk_class, retired_at IS NOT NULL AS retired';
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS d FROM new_people', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS d FROM old_people', cols)
    ELSE format('SELECT %s, -1 AS d FROM old_people UNION ALL SELECT %s, 1 FROM new_people', cols, cols) END;
BEGIN
  EXECUTE format($q$
    WITH delta AS (%s)
    INSERT INTO derived.people_tallies AS t (org_id, talk_class, retired, n)
    SELECT org_id, talk_class, retired, sum(d) FROM delta
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (org_id, talk_class, retired) DO UPDATE SET n = t.n + EXCLUDED.n$q$, delta);
  RETURN NULL;
END $$;

CREATE TRIGGER people_tally_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_people FOR EACH STATEMENT EXECUTE FUNCTION people_tallies_follow();
CREATE TRIGGER people_tally_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_people NEW TABLE AS new_people FOR EACH STATEMENT EXECUTE FUNCTION people_tallies_follow();
CREATE TRIGGER people_tally_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_people FOR EACH STATEMENT EXECUTE FUNCTION people_tallies_follow();

INSERT INTO derived.people_tallies (org_id, talk_class, retired, n)
SELECT org_id, talk_class, retired_at IS NOT NULL, count(*) FROM people GROUP BY 1, 2, 3;
