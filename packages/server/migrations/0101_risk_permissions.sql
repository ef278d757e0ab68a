-- Permissions of the risk register for the built-in roles: units register their own points, the
-- reviewing commission (centre, dispatched group, township) reviews those of the orgs it supervises.
UPDATE roles SET permissions = permissions || ARRAY['risk.read','risk.write','risk.review','risk.matrix'] WHERE code IN ('sysadmin','center');
UPDATE roles SET permissions = permissions || ARRAY['risk.read','risk.review'] WHERE code = 'dispatched_group';
UPDATE roles SET permissions = permissions || ARRAY['risk.read','risk.write','risk.review'] WHERE code = 'township';
UPDATE roles SET permissions = permissions || ARRAY['risk.read','risk.write'] WHERE code = 'unit_officer';
UPDATE roles SET permissions = permissions || ARRAY['risk.read'] WHERE code IN ('cadre','leader');
