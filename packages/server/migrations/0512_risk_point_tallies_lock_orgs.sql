-- The counts per branch (0502) read each changed point's org path to find its branch. A move of the
-- org to another branch, committed between that read and the count's update, left the change counted
-- under the old branch: the move's recount (risk_point_branch_tallies_rebuild) had not seen the
-- change, and the change had not seen the move. A point added to an org is serialized with a move
-- already (the foreign key check locks the org's row against the move's rewrite of orgs.path, a
-- unique key); an edit or a deletion is not. So each edit or deletion of points first locks the
-- orgs it touches: a move that came first is waited for, and the counting statements that follow (each with
-- a new snapshot) see its new paths; a move that comes second waits for this transaction, and then
-- recounts with its changes. Triggers of one event fire in alphabetical order of their names: this
-- one, risk_points_0_lock_orgs_*, fires before risk_points_org_tally_* and risk_points_tally_*.
CREATE FUNCTION risk_points_lock_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM orgs g WHERE g.id IN (SELECT o.org_id FROM old_points o) ORDER BY g.id FOR SHARE;
  ELSE
    PERFORM 1 FROM orgs g WHERE g.id IN (SELECT n.org_id FROM new_points n UNION SELECT o.org_id FROM old_points o) ORDER BY g.id FOR SHARE;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER risk_points_0_lock_orgs_update AFTER UPDATE ON risk_points
  REFERENCING OLD TABLE AS old_points NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION risk_points_lock_orgs();
CREATE TRIGGER risk_points_0_lock_orgs_delete AFTER DELETE ON risk_points
  REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION risk_points_lock_orgs();
