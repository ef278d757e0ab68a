import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type WithDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
/** numeric: both drivers return the exact decimal as text */
type Numeric = ColumnType<string, number | string, number | string>;

export interface OrgsTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  depth: number;
  name: string;
  short_name: string | null;
  kind: string;
  code: string | null;
  sort_order: Generated<number>;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface OrgSupervisionsTable {
  group_org_id: number;
  org_id: number;
}

export interface PeopleTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: DateCol;
  phone: string | null;
  talk_class: Generated<'A' | 'B' | 'C'>;
  is_leadership_member: Generated<boolean>;
  is_principal_leader: Generated<boolean>;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface PostsTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  duties: string | null;
  is_leadership: Generated<boolean>;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface PostAssignmentsTable {
  id: Generated<number>;
  person_id: number;
  post_id: number;
  started_on: DateCol;
  ended_on: DateCol | null;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  permissions: string[];
  scope_kind: string;
  builtin: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  org_id: number | null;
  person_id: number | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface UserRolesTable {
  user_id: number;
  role_id: number;
  scope_org_ids: number[] | null;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  kind: 'cookie' | 'bearer';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditEntriesTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  object_type: string;
  object_id: string | null;
  org_id: number | null;
  summary: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: WithDefault;
}

export interface HolidayCalendarTable {
  day: DateCol;
  kind: 'holiday' | 'workday';
  name: string;
  updated_by: number | null;
  updated_at: WithDefault;
}

export interface SerialCountersTable {
  series: string;
  year: number;
  last_value: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  owner_type: string;
  owner_id: number;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_by: number | null;
  created_at: CreatedAt;
}

// ---- Warnings (issue 5): three-tier warnings, notices, answers, reviews, referrals, bulletins, leadership reports ----

export interface WarningLevelRulesTable {
  level: number;
  name: string;
  demands: string[];
  deadline_working_days: number;
  colour: string;
  notices: string[];
  escalation_measures_person: string[];
  escalation_measures_org: string[];
  updated_at: WithDefault;
}

export interface WarningSettingsTable {
  id: Generated<boolean>;
  overdue_colour: string;
}

export interface WarningsTable {
  id: Generated<number>;
  serial_no: string;
  level: number;
  subject_kind: 'person' | 'org';
  subject_person_id: number | null;
  subject_org_id: number;
  issuer_org_id: number;
  issued_by: number | null;
  issued_on: DateCol;
  deadline: DateCol;
  status: string;
  facts: string;
  basis: string;
  clue_id: number | null;
  disposal_measures: string[];
  demands: string[];
  parent_warning_id: number | null;
  back_registered: Generated<boolean>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  closed_on: DateCol | null;
  outcome: string | null;
  talk_scheduled_on: DateCol | null;
  talk_place: string | null;
  talk_by: string | null;
  talk_held_on: DateCol | null;
  talk_participants: string | null;
  talk_record: string | null;
  filed_on: DateCol | null;
  filed_with: string | null;
  created_at: Timestamp;
}

export interface WarningNoticesTable {
  id: Generated<number>;
  warning_id: number;
  kind: string;
  serial_no: string;
  issued_on: DateCol;
}

export interface WarningAnswersTable {
  id: Generated<number>;
  warning_id: number;
  explanation: string | null;
  causes: string | null;
  measures: string | null;
  report: string | null;
  submitted_by: number;
  submitted_at: Timestamp;
}

export interface WarningReviewsTable {
  id: Generated<number>;
  warning_id: number;
  answer_id: number;
  verdict: 'accepted' | 'inadequate';
  comment: string | null;
  reviewed_by: number;
  reviewed_at: Timestamp;
}

export interface AccountabilityReferralsTable {
  id: Generated<number>;
  warning_id: number;
  subject_kind: 'person' | 'org';
  subject_person_id: number | null;
  subject_org_id: number;
  reason: string;
  status: Generated<string>;
  created_at: Timestamp;
}

export interface BulletinsTable {
  id: Generated<number>;
  title: string;
  intro: string;
  redaction: 'redacted' | 'named';
  status: Generated<'draft' | 'pending' | 'published'>;
  body: string | null;
  created_by: number;
  created_at: Timestamp;
  submitted_by: number | null;
  submitted_at: Timestamp | null;
  approved_by: number | null;
  published_on: DateCol | null;
  return_reason: string | null;
}

export interface BulletinWarningsTable {
  bulletin_id: number;
  warning_id: number;
}

export interface LeadershipReportsTable {
  id: Generated<number>;
  kind: 'internal_bulletin' | 'thematic_report';
  title: string;
  period_from: DateCol;
  period_to: DateCol;
  summary: string;
  recommendations: string | null;
  statistics: unknown;
  created_by: number;
  created_at: Timestamp;
}

export interface LeadershipReportWarningsTable {
  report_id: number;
  warning_id: number;
}

// ---------------------------------------------------------------- risk register (issue 3)

export interface RiskMatricesTable {
  id: Generated<number>;
  version: number;
  name: string;
  note: string | null;
  definition: unknown;
  status: 'draft' | 'active' | 'superseded';
  created_by: string;
  created_at: CreatedAt;
  activated_at: Timestamp | null;
}

export interface RiskSettingsTable {
  id: number;
  supervision_office_org_id: number | null;
}

export interface PowersTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  type: string;
  legal_basis: string;
  section_org_id: number | null;
  post_id: number | null;
  steps: unknown;
  status: string;
  review_comment: string | null;
  submitted_at: Timestamp | null;
  filed_at: Timestamp | null;
  filed_by: number | null;
  published_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface RiskPointsTable {
  id: Generated<number>;
  series_id: number;
  version: Generated<number>;
  org_id: number;
  object_level: string;
  post_id: number | null;
  person_id: number | null;
  title: string;
  category: string;
  manifestation: string;
  likelihood: number;
  impact: number;
  score: number | null;
  level: number;
  matrix_id: number;
  monitor_org_id: number;
  discovery: string;
  power_id: number | null;
  power_step_key: string | null;
  status: string;
  review_comment: string | null;
  submitted_by: number | null;
  submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  retired_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: WithDefault;
}

export interface RiskMeasuresTable {
  id: Generated<number>;
  risk_point_id: number;
  seq: number;
  content: string;
  owner: string;
  due_on: DateCol;
  done_on: DateCol | null;
}

export interface RiskPointEventsTable {
  id: Generated<number>;
  risk_point_id: number;
  action: string;
  actor_user_id: number | null;
  actor_label: string;
  comment: string | null;
  at: Timestamp;
}

export interface RiskLevelChangesTable {
  id: Generated<number>;
  risk_point_id: number;
  from_level: number;
  to_level: number;
  from_matrix_id: number;
  to_matrix_id: number;
  from_monitor_org_id: number;
  to_monitor_org_id: number;
  changed_at: Timestamp;
}

export interface CommitmentsTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  year: number;
  /** Set for a campaign's commitment (0513); null for the yearly one. */
  campaign_id: number | null;
  title: string;
  body: unknown;
  text: string;
  signed_at: Timestamp | null;
  sha256: string | null;
  unit_copy_at: Timestamp | null;
  filed_at: Timestamp | null;
  filed_by: number | null;
}

// ---- issue 3: self-check campaigns (风险排查) ------------------------------------------------------

type Json = ColumnType<unknown, string, string>;

export interface CheckCampaignsTable {
  id: Generated<number>;
  title: string;
  year: number;
  starts_on: DateCol;
  ends_on: DateCol;
  deadlines: Json;
  launched_by_org_id: number;
  status: string;
  created_by: number;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface CheckCampaignOrgsTable {
  campaign_id: number;
  org_id: number;
  stage: string;
  cross_org_id: number | null;
  findings: string | null;
  unit_form_submitted_at: Timestamp | null;
  stage_log: ColumnType<unknown, string | undefined, string>;
}

export interface CheckPostFormsTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  post_id: number;
  person_id: number;
  findings: string | null;
  submitted_at: Timestamp | null;
}

export interface CheckProposalsTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  target_org_id: number;
  form_id: number | null;
  stage: string;
  status: string;
  object_level: string;
  post_id: number | null;
  person_id: number | null;
  title: string;
  category: string;
  manifestation: string;
  likelihood: number;
  impact: number;
  measures: Json;
  risk_point_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckProposalEventsTable {
  id: Generated<number>;
  proposal_id: number;
  stage: string;
  action: string;
  actor_user_id: number | null;
  actor_label: string;
  comment: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  at: Timestamp;
}

// ---- issue 6: ratings, talks, assessment, accountability, archives, opinion replies -------------

export interface EvaluationSettingsTable {
  key: string;
  value: unknown;
  updated_by: number | null;
  updated_at: WithDefault;
}

export interface TalkPlansTable {
  id: Generated<number>;
  year: number;
  org_id: number;
  name: string;
  times_a: number;
  times_b: number;
  times_c: number;
  generated_at: Timestamp | null;
  generated_count: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TalksTable {
  id: Generated<number>;
  kind: 'integrity' | 'reminder' | 'admonishment' | 'collective' | 'warning';
  status: 'planned' | 'held' | 'cancelled';
  plan_id: number | null;
  talk_class: 'A' | 'B' | 'C' | null;
  subject_person_id: number | null;
  subject_org_id: number;
  talker_person_id: number | null;
  talker_role: string | null;
  talker_text: string | null;
  participants_text: string | null;
  due_on: DateCol | null;
  held_on: DateCol | null;
  location: string | null;
  points: string | null;
  commitments: string | null;
  source_kind: 'plan' | 'rating' | 'warning' | 'manual';
  source_id: number | null;
  cancel_reason: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface TalkParticipantsTable {
  talk_id: number;
  person_id: number;
}

export interface AccountabilityBehavioursTable {
  id: Generated<number>;
  code: string;
  subject: 'staff' | 'unit_head';
  title: string;
  source: string | null;
  detection: 'bottom_ranking_years' | null;
  sort_order: Generated<number>;
  retired_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AccountabilityDecisionsTable {
  id: Generated<number>;
  serial_no: string;
  decided_on: DateCol;
  decision_maker: string;
  org_id: number;
  facts: string;
  source_kind: 'manual' | 'referral' | 'rating' | 'bottom_ranking';
  source_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AccountabilityDecisionPeopleTable {
  decision_id: number;
  person_id: number;
  role: 'violator' | 'direct_leader' | 'principal_leader';
  behaviour_id: number;
  form: string;
  position: number;
}

export interface AssessmentSchemesTable {
  id: Generated<number>;
  year: number;
  name: string;
  org_id: number;
  thresholds: unknown;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AssessmentIndicatorsTable {
  id: Generated<number>;
  scheme_id: number;
  position: number;
  name: string;
  weight: Numeric;
  provider: string | null;
  description: string | null;
}

export interface AssessmentResultsTable {
  id: Generated<number>;
  scheme_id: number;
  org_id: number;
  total: Numeric | null;
  grade: 'excellent' | 'good' | 'pass' | 'fail' | null;
  status: 'pending' | 'scored' | 'confirmed';
  notice_serial: string | null;
  notice_issued_on: DateCol | null;
  rectification_reported_on: DateCol | null;
  rectification_report: string | null;
  confirmed_by: number | null;
  confirmed_at: Timestamp | null;
  warning_id: number | null;
}

export interface AssessmentScoresTable {
  result_id: number;
  indicator_id: number;
  score: Numeric;
  source: 'computed' | 'manual';
  detail: string | null;
}

export interface PersonalMatterReportsTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  kind: 'annual' | 'ad_hoc';
  submitted_on: DateCol;
  summary: string | null;
  status: 'submitted' | 'checked';
  check_method: 'random' | 'targeted' | null;
  checked_on: DateCol | null;
  finding: 'accurate' | 'minor_omission' | 'concealment' | null;
  finding_note: string | null;
  checked_by: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface IntegrityOpinionsTable {
  id: Generated<number>;
  serial_no: string | null;
  requester: string;
  request_ref: string | null;
  requested_on: DateCol;
  purpose: string;
  period_from: DateCol;
  period_to: DateCol;
  status: 'draft' | 'submitted' | 'approved';
  drafted_by: number;
  submitted_at: Timestamp | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  replied_on: DateCol | null;
  created_at: CreatedAt;
}

export interface IntegrityOpinionPeopleTable {
  opinion_id: number;
  person_id: number;
  position: number;
  category: string;
  conclusion: string;
  findings: ColumnType<string[], string, string>;
}

export interface EvaluationRunsTable {
  id: Generated<number>;
  year: number;
  kind: 'regular' | 'correction';
  corrects_run_id: number | null;
  reason: string | null;
  rule: ColumnType<unknown, string, string>;
  summary: ColumnType<{ people: Record<'good' | 'fair' | 'poor', number>; orgs: Record<'good' | 'fair' | 'poor', number> }, string, string>;
  status: 'confirmed' | 'published' | 'superseded';
  confirmed_by: number;
  confirmed_at: Timestamp;
  published_by: number | null;
  published_at: Timestamp | null;
  superseded_by: number | null;
}

export interface EvaluationResultsTable {
  id: Generated<number>;
  run_id: number;
  subject_kind: 'person' | 'org';
  person_id: number | null;
  org_id: number;
  grade: 'good' | 'fair' | 'poor';
  max_level: number;
  warnings: ColumnType<{ id: number; serialNo: string | null; level: number; issuedOn: string }[], string, string>;
}

export interface EvaluationTasksTable {
  id: Generated<number>;
  run_id: number;
  kind: string;
  grade: 'good' | 'fair' | 'poor' | null;
  result_id: number | null;
  org_id: number | null;
  status: 'open' | 'done' | 'cancelled';
  due_on: DateCol;
  talk_id: number | null;
  decision_id: number | null;
  note: string | null;
  done_by: number | null;
  done_at: Timestamp | null;
  created_at: CreatedAt;
}

// —— Warning clues (issue 4) ——

export interface CluesTable {
  id: Generated<number>;
  ledger_year: number;
  ledger_seq: number;
  ledger_no: string;
  channel: string;
  problem_type: string;
  content: string;
  search_terms: string[];
  facts_on: DateCol | null;
  source_document: string | null;
  subject_person_id: number | null;
  subject_org_id: number | null;
  subject_text: string | null;
  handler_org_id: number;
  routed_as: 'township' | 'group' | 'centre' | 'manual';
  source_org_id: number | null;
  registered_by: number | null;
  reporter_kind: 'none' | 'anonymous' | 'named';
  level: 1 | 2 | 3 | null;
  status: 'registered' | 'pending_approval' | 'disposing' | 'closed' | 'merged';
  disposal_mode: string | null;
  out_of_jurisdiction: Generated<boolean>;
  duplicate_of_id: number | null;
  merged_into_id: number | null;
  outcome: string | null;
  closed_on: DateCol | null;
  received_on: DateCol;
  ack_due: DateCol | null;
  ack_done_on: DateCol | null;
  result_due: DateCol | null;
  result_done_on: DateCol | null;
  forward_due: DateCol | null;
  forward_done_on: DateCol | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClueDisposalsTable {
  id: Generated<number>;
  clue_id: number;
  mode: string;
  level: 1 | 2 | 3 | null;
  note: string;
  transfer_to: string | null;
  merge_into_id: number | null;
  proposed_by: number;
  proposed_at: Timestamp;
  decision: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  comment: string | null;
  outcome: string | null;
}

export interface ClueMessagesTable {
  id: Generated<number>;
  clue_id: number;
  direction: 'to_reporter' | 'from_reporter';
  kind: 'acceptance' | 'result' | 'message';
  via: 'portal' | 'phone' | 'letter' | 'in_person' | 'sms';
  body: string;
  author_user_id: number | null;
  created_at: Timestamp;
}

export interface ClueReportersTable {
  clue_id: number;
  identity_sealed: Buffer | null;
  key_id: string | null;
  acceptance_no: string | null;
  query_code_hash: string | null;
}

export interface SealedReportsTable {
  id: Generated<number>;
  received_on: DateCol;
  sealed: Buffer;
  key_id: string;
}

export interface PortalChallengesTable {
  id: string;
  difficulty: number;
  expires_at: Timestamp;
}

export interface DB {
  orgs: OrgsTable;
  org_supervisions: OrgSupervisionsTable;
  people: PeopleTable;
  posts: PostsTable;
  post_assignments: PostAssignmentsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_entries: AuditEntriesTable;
  schema_migrations: SchemaMigrationsTable;
  holiday_calendar: HolidayCalendarTable;
  serial_counters: SerialCountersTable;
  attachments: AttachmentsTable;
  // warnings (issue 5)
  warning_level_rules: WarningLevelRulesTable;
  warning_settings: WarningSettingsTable;
  warnings: WarningsTable;
  warning_notices: WarningNoticesTable;
  warning_answers: WarningAnswersTable;
  warning_reviews: WarningReviewsTable;
  accountability_referrals: AccountabilityReferralsTable;
  bulletins: BulletinsTable;
  bulletin_warnings: BulletinWarningsTable;
  leadership_reports: LeadershipReportsTable;
  leadership_report_warnings: LeadershipReportWarningsTable;
  // risk register (issue 3)
  risk_matrices: RiskMatricesTable;
  risk_settings: RiskSettingsTable;
  powers: PowersTable;
  risk_points: RiskPointsTable;
  risk_measures: RiskMeasuresTable;
  risk_point_events: RiskPointEventsTable;
  risk_level_changes: RiskLevelChangesTable;
  commitments: CommitmentsTable;
  check_campaigns: CheckCampaignsTable;
  check_campaign_orgs: CheckCampaignOrgsTable;
  check_post_forms: CheckPostFormsTable;
  check_proposals: CheckProposalsTable;
  check_proposal_events: CheckProposalEventsTable;
  clues: CluesTable;
  clue_disposals: ClueDisposalsTable;
  clue_messages: ClueMessagesTable;
  clue_reporters: ClueReportersTable;
  sealed_reports: SealedReportsTable;
  portal_challenges: PortalChallengesTable;
  // issue 6
  evaluation_settings: EvaluationSettingsTable;
  talk_plans: TalkPlansTable;
  talks: TalksTable;
  talk_participants: TalkParticipantsTable;
  accountability_behaviours: AccountabilityBehavioursTable;
  accountability_decisions: AccountabilityDecisionsTable;
  accountability_decision_people: AccountabilityDecisionPeopleTable;
  assessment_schemes: AssessmentSchemesTable;
  assessment_indicators: AssessmentIndicatorsTable;
  assessment_results: AssessmentResultsTable;
  assessment_scores: AssessmentScoresTable;
  personal_matter_reports: PersonalMatterReportsTable;
  integrity_opinions: IntegrityOpinionsTable;
  integrity_opinion_people: IntegrityOpinionPeopleTable;
  evaluation_runs: EvaluationRunsTable;
  evaluation_results: EvaluationResultsTable;
  evaluation_tasks: EvaluationTasksTable;
}
