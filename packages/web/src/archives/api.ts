import type { IntegrityArchive, PersonalMatter, PersonalMatterCheck, PersonalMatterCreate } from '@qingfeng/core';
import { api } from '../api/client';

export type { IntegrityArchive, PersonalMatter };
export const archivesApi = {
  get: (personId: number) => api.get<IntegrityArchive>(`/api/v1/archives/${personId}`),
  exportXlsx: (personId: number) => api.download(`/api/v1/archives/${personId}/export`, '个人廉政档案.xlsx'),
  submitMatter: (body: PersonalMatterCreate) => api.post<PersonalMatter>('/api/v1/personal-matter-reports', body),
  checkMatter: (id: number, body: PersonalMatterCheck) => api.post<PersonalMatter>(`/api/v1/personal-matter-reports/${id}/check`, body),
};
