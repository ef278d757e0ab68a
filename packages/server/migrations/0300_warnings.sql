-- Three-tier warnings (三级预警, seed 000): what each level demands as data, the warnings with their
-- notices, answers and reviews, the accountability referrals a level-3 escalation creates, and the
-- two other layers of feedback: public bulletins (通报) and leadership reports (内刊、专题报告).

-- What each level demands, its deadline in working days, its colour, the notices it is delivered
-- with, and the measures a warning raised by escalation carries. Defaults: core DEFAULT_WARNING_RULES.
CREATE TABLE warning_level_rules (
  level                      smallint PRIMARY KEY CHECK (level BETWEEN 1 AND 3),
  name                       text NOT NULL,
  demands                    text[] NOT NULL CHECK (cardinality(demands) > 0),
  deadline_working_days      integer NOT NULL CHECK (deadline_working_days BETWEEN 1 AND 60),
  colour                     text NOT NULL,
  notices                    text[] NOT NULL CHECK (cardinality(notices) > 0),
  escalation_measures_person text[] NOT NULL,
  escalation_measures_org    text[] NOT NULL,
  updated_at                 timestamptz NOT NULL DEFAULT now()
);
INSERT INTO warning_level_rules VALUES
  (1, '一级预警', ARRAY['explanation'], 5, '#1677ff', ARRAY['warning_notice'], ARRAY['提醒'], ARRAY['限期整改'], now()),
  (2, '二级预警', ARRAY['explanation','rectification','rectification_report'], 10, '#fa8c16', ARRAY['rectification_notice'], ARRAY['批评教育'], ARRAY['纪检建议书','限期整改'], now()),
  (3, '三级预警', ARRAY['admonishment_talk','personnel_filing','rectification','rectification_report'], 15, '#f5222d', ARRAY['rectification_notice','admonishment_notice'], ARRAY['诫勉谈话'], ARRAY['对责任领导诫勉谈话','限期整改'], now());

-- Display settings beside the levels: the colour that highlights an overdue warning.
CREATE TABLE warning_settings (
  id             boolean PRIMARY KEY DEFAULT true CHECK (id),
  overdue_colour text NOT NULL
);
INSERT INTO warning_settings (overdue_colour) VALUES ('#a8071a');

CREATE TABLE warnings (
  id                  bigserial PRIMARY KEY,
  serial_no           text NOT NULL UNIQUE,                 -- 文号 of its (first) notice, or of the paper original
  level               smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  subject_kind        text NOT NULL CHECK (subject_kind IN ('person', 'org')),
  subject_person_id   integer REFERENCES people (id),
  subject_org_id      integer NOT NULL REFERENCES orgs (id), -- the person's org, or the org warned
  issuer_org_id       integer NOT NULL REFERENCES orgs (id), -- the commission, township commission or group
  issued_by           integer REFERENCES users (id),         -- null: raised by the escalation sweep
  issued_on           date NOT NULL,
  deadline            date NOT NULL,
  status              text NOT NULL CHECK (status IN ('issued', 'acknowledged', 'answered', 'closed', 'escalated', 'referred')),
  facts               text NOT NULL,                         -- what the subject reads
  basis               text NOT NULL,                         -- internal: never shown to the subject
  clue_id             bigint,                                -- the clue it came from (FK added with the clues table)
  disposal_measures   text[] NOT NULL,
  demands             text[] NOT NULL,                       -- what its level demanded when it was issued
  parent_warning_id   bigint REFERENCES warnings (id),
  back_registered     boolean NOT NULL DEFAULT false,        -- 补录: issued on paper, entered later
  acknowledged_at     timestamptz,
  acknowledged_by     integer REFERENCES users (id),
  closed_on           date,
  outcome             text CHECK (outcome IN ('accepted', 'overdue', 'inadequate')),
  talk_scheduled_on   date,
  talk_place          text,
  talk_by             text,
  talk_held_on        date,
  talk_participants   text,
  talk_record         text,
  filed_on            date,
  filed_with          text,
  created_at          timestamptz NOT NULL,
  CHECK ((subject_kind = 'person') = (subject_person_id IS NOT NULL)),
  CHECK (deadline >= issued_on),
  CHECK ((status IN ('closed', 'escalated', 'referred')) = (closed_on IS NOT NULL AND outcome IS NOT NULL))
);
-- A warning escalates exactly once: at most one child per parent, whoever sweeps.
CREATE UNIQUE INDEX warnings_one_child ON warnings (parent_warning_id) WHERE parent_warning_id IS NOT NULL;
-- The sweep's search: warnings still waiting for an answer, by deadline.
CREATE INDEX warnings_awaiting_by_deadline ON warnings (deadline) WHERE status IN ('issued', 'acknowledged');
CREATE INDEX warnings_subject_org ON warnings (subject_org_id, issued_on);
CREATE INDEX warnings_subject_person ON warnings (subject_person_id) WHERE subject_person_id IS NOT NULL;
CREATE INDEX warnings_clue ON warnings (clue_id) WHERE clue_id IS NOT NULL;

-- 预警通知书 / 整改通知书 / 诫勉谈话通知, each with its own 文号.
CREATE TABLE warning_notices (
  id         bigserial PRIMARY KEY,
  warning_id bigint NOT NULL REFERENCES warnings (id),
  kind       text NOT NULL CHECK (kind IN ('warning_notice', 'rectification_notice', 'admonishment_notice')),
  serial_no  text NOT NULL UNIQUE,
  issued_on  date NOT NULL,
  UNIQUE (warning_id, kind)
);

-- The subject's written answers (seed 003: 剖析成因、制定整改措施、形成书面报告); files in attachments
-- with owner_type 'warning_answer'.
CREATE TABLE warning_answers (
  id           bigserial PRIMARY KEY,
  warning_id   bigint NOT NULL REFERENCES warnings (id),
  explanation  text,
  causes       text,
  measures     text,
  report       text,
  submitted_by integer NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL
);
CREATE INDEX warning_answers_warning ON warning_answers (warning_id);

CREATE TABLE warning_reviews (
  id          bigserial PRIMARY KEY,
  warning_id  bigint NOT NULL REFERENCES warnings (id),
  answer_id   bigint NOT NULL UNIQUE REFERENCES warning_answers (id),
  verdict     text NOT NULL CHECK (verdict IN ('accepted', 'inadequate')),
  comment     text,
  reviewed_by integer NOT NULL REFERENCES users (id),
  reviewed_at timestamptz NOT NULL
);
CREATE INDEX warning_reviews_warning ON warning_reviews (warning_id);

-- 问责: what a level-3 warning left unrectified becomes. Minimal on purpose; the ratings and
-- accountability features build on it.
CREATE TABLE accountability_referrals (
  id                bigserial PRIMARY KEY,
  warning_id        bigint NOT NULL UNIQUE REFERENCES warnings (id),
  subject_kind      text NOT NULL CHECK (subject_kind IN ('person', 'org')),
  subject_person_id integer REFERENCES people (id),
  subject_org_id    integer NOT NULL REFERENCES orgs (id),
  reason            text NOT NULL,
  status            text NOT NULL DEFAULT 'open',
  created_at        timestamptz NOT NULL
);

-- 通报: composed from selected warnings; names redacted or kept by a per-bulletin choice that a
-- second person approves before the portal shows it.
CREATE TABLE bulletins (
  id            bigserial PRIMARY KEY,
  title         text NOT NULL,
  intro         text NOT NULL,
  redaction     text NOT NULL CHECK (redaction IN ('redacted', 'named')),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published')),
  body          text,                                  -- frozen at publication
  created_by    integer NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  submitted_by  integer REFERENCES users (id),
  submitted_at  timestamptz,
  approved_by   integer REFERENCES users (id),
  published_on  date,
  return_reason text,
  CHECK (approved_by IS NULL OR (approved_by <> created_by AND approved_by <> submitted_by)),
  CHECK ((status = 'published') = (approved_by IS NOT NULL AND published_on IS NOT NULL AND body IS NOT NULL))
);
CREATE INDEX bulletins_published ON bulletins (published_on DESC) WHERE status = 'published';
CREATE TABLE bulletin_warnings (
  bulletin_id bigint NOT NULL REFERENCES bulletins (id),
  warning_id  bigint NOT NULL REFERENCES warnings (id),
  PRIMARY KEY (bulletin_id, warning_id)
);

-- 内刊、专题报告 for the district's leaders: selected warnings and the statistics of a period.
CREATE TABLE leadership_reports (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('internal_bulletin', 'thematic_report')),
  title           text NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  summary         text NOT NULL,
  recommendations text,
  statistics      jsonb NOT NULL,
  created_by      integer NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  CHECK (period_to >= period_from)
);
CREATE TABLE leadership_report_warnings (
  report_id  bigint NOT NULL REFERENCES leadership_reports (id),
  warning_id bigint NOT NULL REFERENCES warnings (id),
  PRIMARY KEY (report_id, warning_id)
);
