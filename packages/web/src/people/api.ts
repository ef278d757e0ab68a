import type { Person, PersonCreate, PersonDetail, PersonUpdate } from '@qingfeng/core';
import { api, type Query } from '../api/client';

export type { Person, PersonDetail };
export type Assignment = Person['posts'][number];
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type PersonCreateBody = Partial<PersonCreate> & Pick<PersonCreate, 'orgId' | 'name' | 'idNumber'>;
export type PersonUpdateBody = PersonUpdate;

export interface PeopleFilter {
  orgId?: number;
  subtree?: boolean;
  q?: string;
  talkClass?: 'A' | 'B' | 'C';
  includeRetired?: boolean;
  page?: number;
  pageSize?: number;
}

const base = '/api/v1/people';
export const peopleApi = {
  list: (f: PeopleFilter) => api.get<PageOf<Person>>(base, f as Query),
  get: (id: number) => api.get<PersonDetail>(`${base}/${id}`),
  /** The register as .xlsx with the same filters (masked ID numbers; the export is audited). */
  exportXlsx: (f: Omit<PeopleFilter, 'page' | 'pageSize'>) => api.download(`${base}/export`, '人员名册.xlsx', f as Query),
  create: (body: PersonCreateBody) => api.post<PersonDetail>(base, body),
  update: (id: number, body: PersonUpdateBody) => api.patch<PersonDetail>(`${base}/${id}`, body),
  retire: (id: number) => api.post<PersonDetail>(`${base}/${id}/retire`),
  assign: (id: number, body: { postId: number; startedOn: string }) => api.post<PersonDetail>(`${base}/${id}/assignments`, body),
  endAssignment: (id: number, assignmentId: number, endedOn: string) =>
    api.post<PersonDetail>(`${base}/${id}/assignments/${assignmentId}/end`, { endedOn }),
};
