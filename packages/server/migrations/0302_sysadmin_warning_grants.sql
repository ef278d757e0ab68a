-- No one hands out a permission they lack (roles.write rule): the administrator, who assigns the
-- built-in roles to new accounts, must hold what the cadre, unit, township and centre roles carry.
UPDATE roles SET permissions = permissions || ARRAY['warnings.read', 'warnings.issue', 'warnings.answer', 'bulletins.write', 'bulletins.approve', 'leadership_reports.read', 'leadership_reports.write']
WHERE builtin AND code = 'sysadmin';
