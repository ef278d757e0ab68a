-- No one hands out a permission they lack: the administrator, who gives accounts their built-in roles,
-- holds every permission those roles carry (features added them one migration each). The sealed
-- channel for reports about the commission's own leaders stays out: it is assigned from the console.
UPDATE roles
SET permissions = (SELECT array_agg(DISTINCT p ORDER BY p) FROM roles r, unnest(r.permissions) AS p WHERE r.builtin AND p <> 'clues.sealed')
WHERE builtin AND code = 'sysadmin';
