import { api } from '../api/client';

import type { ImportResult } from '@qingfeng/core';

export type { ImportResult };

export const importsApi = {
  template: () => api.download('/api/v1/imports/template', '组织与人员导入模板.xlsx'),
  run: (file: File, dryRun: boolean) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api.post<ImportResult>('/api/v1/imports', body, { query: { dryRun } });
  },
};
