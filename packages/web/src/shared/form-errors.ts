import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/** Error codes that belong to one field of a form rather than to the whole form. */
const CODE_FIELDS: Record<string, string> = {
  'people.id_number_duplicate': 'idNumber',
  'orgs.code_duplicate': 'code',
  'roles.code_duplicate': 'code',
  'users.username_duplicate': 'username',
  'auth.password_weak': 'newPassword',
  'auth.totp_invalid': 'totp',
};

/**
 * Puts the server's field issues under the form's fields. Returns the message to show above the
 * form, or null when every issue landed on a field the form has.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fields: readonly string[]): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const has = (name: string) => fields.includes(name);
  const byField = new Map<string, string[]>();
  let unplaced = false;
  for (const issue of err.issues) {
    const top = issue.field.split('.')[0] ?? '';
    if (has(top)) byField.set(top, [...(byField.get(top) ?? []), issue.message]);
    else unplaced = true;
  }
  const codeField = CODE_FIELDS[err.code];
  const mapped = codeField === 'newPassword' && !has('newPassword') && has('password') ? 'password' : codeField;
  if (mapped && has(mapped) && err.issues.length === 0) byField.set(mapped, [err.message]);
  if (byField.size > 0) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size === 0 || unplaced ? err.message : null;
}
