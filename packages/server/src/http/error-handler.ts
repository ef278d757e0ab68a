import { ERRORS, issueFieldLabel, type ApiErrorBody, type FieldIssue } from '@qingfeng/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

function send(reply: FastifyReply, status: number, body: ApiErrorBody) {
  return reply.status(status).send(body);
}

const PLACE_LABELS: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return send(reply, error.status, { error: { code: error.code, message: error.message, ...error.extra } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const zodIssues = error.validation.map((v) => ({
      // Array indices as numbers, so that the label names the field and not "1" (roles.0.roleId → 角色).
      path: v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as PropertyKey[],
      message: v.message ?? '',
    }));
    const issues: FieldIssue[] = zodIssues.map((i) => ({
      field: (i.path ?? []).map(String).join('.') || PLACE_LABELS[error.validationContext ?? ''] || '',
      message: i.message,
    }));
    const first = zodIssues[0]!;
    // 岗位（postIds.0）：第 1 项应为数字，实际为文本 — the label from FIELD_LABELS, the message from core’s zod-messages.
    const message = `${issueFieldLabel(first.path, PLACE_LABELS[error.validationContext ?? ''])}：${first.message}`;
    return send(reply, 400, { error: { code: 'request.invalid', message, issues } });
  }
  if (error.statusCode && error.statusCode < 500) {
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? '请求体不是有效的 JSON'
        : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? '请求体过大'
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? '不支持的请求内容类型'
            : ERRORS['request.invalid'].message;
    // The Fastify code (FST_ERR_…) means nothing to a person: it goes to the log, not into the message.
    if (message === ERRORS['request.invalid'].message) request.log.info({ code: error.code, statusCode: error.statusCode }, 'request refused');
    return send(reply, error.statusCode === 413 ? 413 : 400, { error: { code: 'request.invalid', message } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 500, { error: { code: 'internal', message: ERRORS.internal.message } });
}
