import { ERRORS, type ErrorCode, type FieldIssue, type RowIssue } from '@qingfeng/core';

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
