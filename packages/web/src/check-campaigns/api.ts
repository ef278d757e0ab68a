import type { Campaign, CampaignCreate, CampaignOrg, CampaignOrgDetail as CampaignOrgDetailSchema, CampaignStage, PostForm as PostFormSchema, Proposal, ProposalAmend, ProposalCreate } from '@qingfeng/core';
import type { z } from 'zod';
import { api, type Query } from '../api/client';
import type { PageOf } from '../people/api';

export type { Campaign, CampaignOrg, Proposal };
export type CampaignOrgDetail = z.infer<typeof CampaignOrgDetailSchema>;
export type PostForm = z.infer<typeof PostFormSchema>;
export type PostFormDetail = PostForm & { proposals: Proposal[] };
export type ProposalBody = z.input<typeof ProposalCreate>;

const base = '/api/v1/check-campaigns';
const orgPath = (id: number, orgId: number) => `${base}/${id}/orgs/${orgId}`;

/** 风险排查: campaigns, the orgs' progress through the stages, post and unit forms, proposed risk points. */
export const campaignsApi = {
  list: (f: { year?: number; page: number; pageSize: number }) => api.get<PageOf<Campaign>>(base, f),
  get: (id: number) => api.get<Campaign>(`${base}/${id}`),
  launch: (body: CampaignCreate) => api.post<Campaign>(base, body),
  close: (id: number) => api.post<Campaign>(`${base}/${id}/close`),
  orgs: (id: number, f: { stage?: CampaignStage; overdue?: boolean; page: number; pageSize: number }) => api.get<PageOf<CampaignOrg>>(`${base}/${id}/orgs`, f as Query),
  org: (id: number, orgId: number) => api.get<CampaignOrgDetail>(orgPath(id, orgId)),
  assignCrossChecker: (id: number, orgId: number, crossOrgId: number) => api.put<CampaignOrgDetail>(`${orgPath(id, orgId)}/cross-checker`, { crossOrgId }),
  submitUnitForm: (id: number, orgId: number, findings: string) => api.put<CampaignOrgDetail>(`${orgPath(id, orgId)}/unit-form`, { findings }),
  complete: (id: number, orgId: number) => api.post<CampaignOrgDetail>(`${orgPath(id, orgId)}/complete`),
  propose: (id: number, orgId: number, body: ProposalBody) => api.post<Proposal>(`${orgPath(id, orgId)}/proposals`, body),
  amend: (p: Pick<Proposal, 'campaignId' | 'id'>, body: ProposalAmend) => api.patch<Proposal>(`${base}/${p.campaignId}/proposals/${p.id}`, body),
  reject: (p: Pick<Proposal, 'campaignId' | 'id'>, comment: string) => api.post<Proposal>(`${base}/${p.campaignId}/proposals/${p.id}/reject`, { comment }),
  myForms: () => api.get<{ items: PostForm[] }>(`${base}/my-forms`),
  form: (id: number) => api.get<PostFormDetail>(`${base}/forms/${id}`),
  submitForm: (id: number, findings: string) => api.post<PostFormDetail>(`${base}/forms/${id}/submit`, { findings }),
  /** The unit's 一览表: Excel, Word and PDF list the same points (approved and published, with the sections'). */
  register: (id: number, orgId: number, format: 'xlsx' | 'docx' | 'pdf') => api.download(`${orgPath(id, orgId)}/register`, `风险识别防控一览表.${format}`, { format }),
};

