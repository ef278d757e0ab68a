-- Issue 6: a 不及格 brings its written rectification notice through the warning machinery — an org
-- warning of level 2, answered by the unit like any other and escalating on its own when overdue.
-- The result keeps its link to that warning, whose 文号 and day are the notice's; notice_serial and
-- notice_issued_on stay for the results confirmed before.
ALTER TABLE assessment_results ADD COLUMN warning_id integer REFERENCES warnings (id);
CREATE UNIQUE INDEX assessment_results_warning ON assessment_results (warning_id) WHERE warning_id IS NOT NULL;

-- Results confirmed before this migration keep their own notice and any report in
-- rectification_report/rectification_reported_on (nothing is dropped); from now on the unit reports
-- through the warning, so the separate permission to report goes.
UPDATE roles SET permissions = array_remove(permissions, 'assessments.rectify');
