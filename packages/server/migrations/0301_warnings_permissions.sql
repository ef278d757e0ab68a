-- Who issues, answers, configures and sweeps warnings; who writes and approves bulletins; who reads
-- leadership reports (leader1). Scopes are the roles' own: the centre all, a township its subtree, a
-- dispatched group its supervised units, a unit officer its unit, a cadre only themselves.
-- The administrator holds every permission (so that it may hand out any role); answering a warning
-- needs a unit's or a person's own reach, which an 'all' scope never is (core warnings/policy.ts).
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue', 'warnings.answer', 'warnings.configure', 'warnings.sweep', 'bulletins.write', 'bulletins.approve', 'leadership_reports.read', 'leadership_reports.write'] WHERE builtin AND code = 'sysadmin';
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue', 'warnings.configure', 'warnings.sweep', 'bulletins.write', 'bulletins.approve', 'leadership_reports.read', 'leadership_reports.write'] WHERE builtin AND code = 'center';
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue'] WHERE builtin AND code IN ('dispatched_group', 'township');
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.answer'] WHERE builtin AND code IN ('unit_officer', 'cadre');
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'leadership_reports.read'] WHERE builtin AND code = 'leader';
