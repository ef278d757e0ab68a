-- Indexes for a prefecture-sized database (seed-scale: 2,000 orgs, 100,000 people), each added for a
-- measured cost. Figures: PostgreSQL 15 on the bench machine (2 cores); see packages/server/bench/RESULTS.md.

-- The org tree is listed in (depth, sort_order, id) order: without this index every GET /orgs sorted
-- all 2,170 rows (EXPLAIN ANALYZE 2.5–11 ms under load); with it, an ordered index scan (0.55–0.84 ms).
CREATE INDEX orgs_tree_order ON orgs (depth, sort_order, id);

-- Lists show people in post (retired_at IS NULL) by default, and every page carries its exact total.
-- Counting from this small partial index is an index-only scan: the whole district's total (98,683
-- people) 133 → 285 counts/s; town1's (2,784) 1,773 → 2,352 counts/s.
CREATE INDEX people_active_org ON people (org_id) WHERE retired_at IS NULL;
