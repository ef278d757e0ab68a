-- Who issues, answers, configures and sweeps warnings; who writes and approves bulletins; who reads
-- leadership reports (leader1). Scopes are the roles' own: the centre all, a township its subtree, a
-- dispatched group its supervised units, a unit officer its unit, a cadre only themselves.
UPDATE roles SET permissions = permissions || ARRAY['warnings.configure', 'warnings.sweep'] WHERE builtin AND code = 'sysadmin';
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue', 'warnings.configure', 'warnings.sweep', 'bulletins.write', 'bulletins.approve', 'leadership_reports.read', 'leadership_reports.write'] WHERE builtin AND code = 'center';
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue'] WHERE builtin AND code IN ('dispatched_group', 'township');
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.answer'] WHERE builtin AND code IN ('unit_officer', 'cadre');
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'leadership_reports.read'] WHERE builtin AND code = 'leader';
