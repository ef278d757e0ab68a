-- Administrators and the warning centre keep the holiday calendar current (调休 notices arrive each
-- November for the next year).
UPDATE roles SET permissions = array_append(permissions, 'calendar.write') WHERE builtin AND code IN ('sysadmin', 'center');
