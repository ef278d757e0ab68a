import { z } from 'zod';
import { PERMISSION_KEYS, SCOPE_KINDS } from '../auth/permissions.js';
import { Pagination, Text } from './common.js';

export const PermissionSchema = z.enum(PERMISSION_KEYS as [string, ...string[]]);
export const ScopeKindSchema = z.enum(SCOPE_KINDS);

export const Role = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  scopeKind: ScopeKindSchema,
  builtin: z.boolean(),
  userCount: z.number().int(),
});
export const RoleCreate = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, '角色代码须以小写字母开头，只含小写字母、数字和下划线'),
  name: Text(40),
  description: z.string().trim().max(500).nullish(),
  permissions: z.array(PermissionSchema).min(1, '至少选择一项权限'),
  scopeKind: ScopeKindSchema,
});
export const RoleUpdate = RoleCreate.omit({ code: true }).partial();

export const RoleAssignment = z.object({
  roleId: z.number().int().positive(),
  scopeOrgIds: z.array(z.number().int().positive()).max(500).nullish(),
});

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  roles: z.array(z.object({ roleId: z.number().int(), code: z.string(), name: z.string(), scopeKind: ScopeKindSchema, scopeOrgIds: z.array(z.number().int()).nullable() })),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  actions: z.array(z.string()),
});

const Password = z.string().min(1, '不能为空').max(200);

export const UserCreate = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,40}$/, '用户名为3–40位字母、数字、下划线、点或短横线'),
  displayName: Text(50),
  password: Password,
  orgId: z.number().int().positive().nullish(),
  personId: z.number().int().positive().nullish(),
  roles: z.array(RoleAssignment).min(1, '至少分配一个角色'),
});
export const UserUpdate = z.object({
  displayName: Text(50).optional(),
  orgId: z.number().int().positive().nullish(),
  personId: z.number().int().positive().nullish(),
  roles: z.array(RoleAssignment).min(1, '至少分配一个角色').optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
  unlock: z.boolean().optional(),
});
export const UsersQuery = Pagination.extend({ q: z.string().trim().max(50).optional() });

export const LoginBody = z.object({
  username: z.string().trim().min(1, '不能为空').max(40),
  password: Password,
  totp: z.string().trim().regex(/^\d{6}$/, '动态验证码为6位数字').optional(),
});
export const PasswordChange = z.object({ password: Password, newPassword: Password });
export const TotpConfirm = z.object({ totp: z.string().trim().regex(/^\d{6}$/, '动态验证码为6位数字') });

export const Me = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int().nullable(),
  personId: z.number().int().nullable(),
  permissions: z.array(z.string()),
  roles: z.array(z.object({ code: z.string(), name: z.string(), scopeKind: ScopeKindSchema })),
  totpEnabled: z.boolean(),
  totpEnrollmentRequired: z.boolean(),
  csrfToken: z.string(),
});

/** 等保: at least 10 characters from three of the four classes. */
export function isStrongPassword(p: string): boolean {
  if (p.length < 10) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return classes >= 3;
}
