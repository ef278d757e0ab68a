import { ERRORS, issueFieldLabel, type ErrorCode, type FieldIssue, type RowIssue } from '@qingfeng/core';
import type { z } from 'zod';

/** A refusal with a stable code; the message defaults to the catalogue's Chinese text. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: FieldIssue[]; rows?: RowIssue[] } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('auth.forbidden');
export const invalid = (field: string, message: string) =>
  new AppError('request.invalid', `${field}：${message}`, { issues: [{ field, message }] });

/**
 * A schema's refusal found inside a route (a multipart form's fields, a setting's value) as the same
 * 400 the schema hook gives: the first issue's field named in Chinese, every issue with its path.
 * `under` is the path the checked value sits at in the request (e.g. ['value']); `what` prefixes the
 * message with what was being changed.
 */
export function invalidRequest(error: z.ZodError, under: PropertyKey[] = [], what?: string): AppError {
  const issues = error.issues.map((i) => ({ field: [...under, ...i.path].map(String).join('.'), message: i.message }));
  const first = error.issues[0]!;
  const message = `${issueFieldLabel([...under, ...first.path])}：${first.message}`;
  return new AppError('request.invalid', what ? `${what}：${message}` : message, { issues });
}
