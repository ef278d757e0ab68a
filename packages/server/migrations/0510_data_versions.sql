-- A count of changes per data set, kept by trigger, so that a server may keep what it derives from
-- that data (a serialized whole org tree: 545 KB and ≈ 25 ms of CPU for the district's 2,170 orgs on
-- the scale data) and know, by one cheap read in the database's own order of commits, whether it is
-- still current. The count moves in the same transaction as the change, whichever process or tool
-- made it. Statement-level: an import of many orgs counts once.
CREATE TABLE IF NOT EXISTS derived.versions (
  name  text PRIMARY KEY,
  n     bigint NOT NULL
);

CREATE FUNCTION versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO derived.versions AS v (name, n) VALUES (TG_ARGV[0], 1)
  ON CONFLICT (name) DO UPDATE SET n = v.n + 1;
  RETURN NULL;
END $$;

-- The org tree as listed: the orgs and which orgs each dispatched group supervises.
CREATE TRIGGER orgs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION versions_bump('orgs');
CREATE TRIGGER org_supervisions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_supervisions
  FOR EACH STATEMENT EXECUTE FUNCTION versions_bump('orgs');

INSERT INTO derived.versions (name, n) VALUES ('orgs', 1) ON CONFLICT (name) DO NOTHING;
