-- Indexes for a prefecture-sized database (seed-scale: 2,000 orgs, 100,000 people), each added for a
-- measured cost. Figures: PostgreSQL 15 on the 2-core bench machine, pgbench with one client; see
-- packages/server/bench/RESULTS.md.

-- The org tree is listed in (depth, sort_order, id) order: without this index every GET /orgs sorted
-- all 2,170 rows (EXPLAIN ANALYZE 2.5–11 ms under load); with it, an ordered index scan (0.55–0.84 ms).
CREATE INDEX orgs_tree_order ON orgs (depth, sort_order, id);

-- Lists show people in post (retired_at IS NULL) by default, in (org, name, id) order, each page with
-- its exact total. This partial index gives the page its order within each org without reading those
-- who left, and the total an index-only count. The page-with-total statement: town1's subtree page 3
-- 700 → 970/s, center's township page 770 → 970/s, the whole district 93 → 110/s. (A partial index on
-- org_id alone counted the whole district faster, 210/s, but the planner then sorted town1's whole
-- subtree for each page: 430/s.)
CREATE INDEX people_active_org_name ON people (org_id, name, id) WHERE retired_at IS NULL;
