-- Clue permissions for the built-in roles. Cadres, unit officers and leaders get none. The system
-- administrator holds those it must be able to grant (no one grants or manages an account holding
-- more than they hold, policy in core/auth/permissions.ts) — every read and reveal is audited — but
-- not clues.sealed: the channel to the commission above is outside the local administrator's reach;
-- its accounts are set up with `qingfeng assign-role`.
UPDATE roles SET permissions = permissions || ARRAY['clues.read','clues.register','clues.submit','clues.handle','clues.route','clues.approve','clues.reveal_reporter']
  WHERE builtin AND code = 'sysadmin';
UPDATE roles SET permissions = permissions || ARRAY['clues.read','clues.register','clues.handle','clues.route','clues.approve','clues.reveal_reporter']
  WHERE builtin AND code = 'center';
UPDATE roles SET permissions = permissions || ARRAY['clues.read','clues.register','clues.handle','clues.approve']
  WHERE builtin AND code IN ('township', 'dispatched_group');
UPDATE roles SET permissions = permissions || ARRAY['clues.submit']
  WHERE builtin AND code = 'workstation';
-- Holds the reports sealed for the commission above; no demo account has it.
INSERT INTO roles (code, name, description, permissions, scope_kind, builtin) VALUES
  ('superior_liaison', '上级纪委联络员', '接收反映本级纪委监委主要负责人的来件，移交上级纪委监委；本级台账不留记录',
    ARRAY['clues.sealed'], 'all', true);
