import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type WithDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;

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
  clues: CluesTable;
  clue_disposals: ClueDisposalsTable;
  clue_messages: ClueMessagesTable;
  clue_reporters: ClueReportersTable;
  sealed_reports: SealedReportsTable;
  portal_challenges: PortalChallengesTable;
}
