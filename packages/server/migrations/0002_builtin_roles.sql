-- The built-in roles (DOMAIN.md · Who uses it). Roles are data: administrators may add their own.
INSERT INTO roles (code, name, description, permissions, scope_kind, builtin) VALUES
  ('sysadmin', '系统管理员', '维护用户、角色、组织和系统配置；须绑定动态验证码',
    ARRAY['orgs.read','orgs.write','people.read','people.write','people.import','users.read','users.write','roles.write','audit.read','system.admin'], 'all', true),
  ('center', '区纪委预警信息中心', '全区：分办线索、发出预警、分析研判、考评',
    ARRAY['orgs.read','orgs.write','people.read','people.write','people.import','users.read','audit.read'], 'all', true),
  ('dispatched_group', '派驻纪检组', '所监督的单位（不是一棵子树）；监控一级风险点',
    ARRAY['orgs.read','people.read'], 'custom', true),
  ('township', '乡镇（街道）纪委', '本乡镇及下级；监控二级风险点',
    ARRAY['orgs.read','orgs.write','people.read','people.write','people.import'], 'org_subtree', true),
  ('unit_officer', '单位纪检负责人', '本单位（含内设股室）；查找登记风险点、监控三级风险点、答复预警',
    ARRAY['orgs.read','people.read','people.write'], 'org_subtree', true),
  ('workstation', '预警工作站 / 信息报送点', '报送本单位工作中发现的廉情信息',
    ARRAY['orgs.read'], 'org', true),
  ('cadre', '党员干部', '仅本人：岗位风险自查、承诺书、答复预警、查看本人廉政档案',
    ARRAY['orgs.read','people.read'], 'self', true),
  ('leader', '区党政主要领导', '只读：全区概况与领导专报',
    ARRAY['orgs.read','people.read'], 'all', true);
