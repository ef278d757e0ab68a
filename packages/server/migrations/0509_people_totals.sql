-- The district's people by talk class and retirement, kept by the same trigger as the per-org
-- counts (0505): the whole district's list (center) summed 6,276 per-org rows for its total on each
-- request, 1.6 of its 1.9 ms of PostgreSQL time (bench:api, scale data). Six rows at most. In the
-- schema `derived`: a backup leaves it out, a restore rebuilds it as the people load.
CREATE TABLE IF NOT EXISTS derived.people_totals (
  talk_class  text NOT NULL,
  retired     boolean NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (talk_class, retired)
);

-- As in 0505, with the statement's change also added to the district's totals, after the per-org
-- rows and in key order (concurrent statements lock the same rows in the same order).
CREATE OR REPLACE FUNCTION people_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'org_id, talk_class, retired_at IS NOT NULL AS retired';
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS d FROM new_people', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS d FROM old_people', cols)
    ELSE format('SELECT %s, -1 AS d FROM old_people UNION ALL SELECT %s, 1 FROM new_people', cols, cols) END;
BEGIN
  EXECUTE format($q$
    WITH delta AS (%s),
    per_org AS (
      INSERT INTO derived.people_tallies AS t (org_id, talk_class, retired, n)
      SELECT org_id, talk_class, retired, sum(d) FROM delta
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (org_id, talk_class, retired) DO UPDATE SET n = t.n + EXCLUDED.n)
    INSERT INTO derived.people_totals AS t (talk_class, retired, n)
    SELECT talk_class, retired, sum(d) FROM delta
    GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (talk_class, retired) DO UPDATE SET n = t.n + EXCLUDED.n$q$, delta);
  RETURN NULL;
END $$;

INSERT INTO derived.people_totals (talk_class, retired, n)
SELECT talk_class, retired_at IS NOT NULL, count(*) FROM people GROUP BY 1, 2
ON CONFLICT (talk_class, retired) DO UPDATE SET n = EXCLUDED.n;
