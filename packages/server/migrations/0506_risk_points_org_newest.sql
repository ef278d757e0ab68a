-- A subtree's register page (newest first) walked the points by id from the newest and dropped
-- those of other orgs: town1's page 3 passed 3,600 points for its 60, all the more where a unit's
-- points were entered together. This index gives each org's current points in id order, with the
-- columns the register filters on, so a page reads only the subtree's entries (index-only) and sorts
-- them. EXPLAIN ANALYZE on the 200,000-point bench data (PostgreSQL 15): town1's page 3 2.2–2.7 →
-- 0.84 ms, a township filtered by the centre 2.7 → 0.80 ms, town1's published post-level points
-- 1.5–2.2 → 0.92 ms. 13 MB for 200,000 points.
CREATE INDEX risk_points_org_newest ON risk_points (org_id, id) INCLUDE (status, level, category, object_level)
  WHERE status NOT IN ('superseded', 'retired');
