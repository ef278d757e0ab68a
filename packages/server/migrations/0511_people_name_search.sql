-- The people list's name search (`?q=王`), kept by trigger as one row per character of each name
-- with what the list filters and orders by: its org's path, the name, retirement and talk class.
-- A search reads the rows of its first character in list order (org path byte-wise, then name,
-- then id) from one index and stops at the page; its total is an index-only count of the same
-- range. Through 0507's character index (each match's person and org read from the tables, then
-- sorted), center's search for 王 on the scale data (1,012 of 98,683 people) took 5.6 ms of
-- execution; on this table, 0.32 ms (EXPLAIN ANALYZE, PostgreSQL 15).
-- In the schema `derived` like the tallies (0505): a backup leaves it out, a restore rebuilds it,
-- since loading orgs and then people fires these triggers. IF NOT EXISTS: a restore replays the
-- migrations in a scratch schema (backup/restore.ts), where `derived` is already there.
CREATE TABLE IF NOT EXISTS derived.people_name_chars (
  ch          text NOT NULL,
  org_path    text NOT NULL,
  name        text NOT NULL,
  person_id   integer NOT NULL,
  org_id      integer NOT NULL,
  retired     boolean NOT NULL,
  talk_class  text NOT NULL,
  PRIMARY KEY (ch, person_id)
);
CREATE INDEX IF NOT EXISTS people_name_chars_order ON derived.people_name_chars (ch, org_path text_pattern_ops, name, person_id)
  INCLUDE (org_id, retired, talk_class);
CREATE INDEX IF NOT EXISTS people_name_chars_person ON derived.people_name_chars (person_id);

-- A person's rows, rebuilt when the name, the org, retirement or talk class changed. Each branch
-- names only the transition tables its event has (PL/pgSQL plans a statement when it first runs).
CREATE FUNCTION people_name_chars_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM derived.people_name_chars c USING old_people o WHERE c.person_id = o.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- The path read below must not be one that a concurrent move is replacing. A move rewrites
    -- orgs.path, a unique key, which locks the orgs' rows against the foreign key check of a person
    -- added to or moved into one of them; a rename has no such check, so an update locks the orgs:
    -- a move that came first is waited for (and its new path seen by the statements below), a move
    -- that comes second waits for this transaction, and then carries these rows along.
    PERFORM 1 FROM orgs g WHERE g.id IN (SELECT n.org_id FROM new_people n) ORDER BY g.id FOR SHARE;
    DELETE FROM derived.people_name_chars c USING old_people o, new_people n
    WHERE c.person_id = o.id AND n.id = o.id
      AND (n.name, n.org_id, n.retired_at IS NULL, n.talk_class) IS DISTINCT FROM (o.name, o.org_id, o.retired_at IS NULL, o.talk_class);
  END IF;
  -- An unchanged person's rows are there already.
  INSERT INTO derived.people_name_chars (ch, org_path, name, person_id, org_id, retired, talk_class)
  SELECT DISTINCT c, g.path, n.name, n.id, n.org_id, n.retired_at IS NOT NULL, n.talk_class
  FROM new_people n JOIN orgs g ON g.id = n.org_id, unnest(string_to_array(n.name, NULL)) c
  ORDER BY 1, 4
  ON CONFLICT (ch, person_id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER people_name_chars_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_people FOR EACH STATEMENT EXECUTE FUNCTION people_name_chars_follow();
CREATE TRIGGER people_name_chars_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_people NEW TABLE AS new_people FOR EACH STATEMENT EXECUTE FUNCTION people_name_chars_follow();
CREATE TRIGGER people_name_chars_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_people FOR EACH STATEMENT EXECUTE FUNCTION people_name_chars_follow();

-- An org that moves takes its people's rows along (a move rebases the subtree's paths in one statement).
CREATE FUNCTION people_name_chars_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE derived.people_name_chars c SET org_path = n.path
  FROM new_orgs n JOIN old_orgs o ON o.id = n.id
  WHERE c.org_id = n.id AND n.path <> o.path;
  RETURN NULL;
END $$;

CREATE TRIGGER people_name_chars_org_path AFTER UPDATE ON orgs
  REFERENCING OLD TABLE AS old_orgs NEW TABLE AS new_orgs FOR EACH STATEMENT EXECUTE FUNCTION people_name_chars_org_path();

INSERT INTO derived.people_name_chars (ch, org_path, name, person_id, org_id, retired, talk_class)
SELECT DISTINCT c, g.path, p.name, p.id, p.org_id, p.retired_at IS NOT NULL, p.talk_class
FROM people p JOIN orgs g ON g.id = p.org_id, unnest(string_to_array(p.name, NULL)) c;
