-- The official holiday calendar (法定节假日与调休): every working-day deadline counts on it.
-- 2026 from 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04).
-- 2027 holds the statutory days of 全国年节及纪念日放假办法 only: administrators add the bridging
-- days and adjusted workdays (调休) when the 2027 notice is published.
CREATE TABLE holiday_calendar (
  day date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  updated_by integer REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Numbered series without gaps (台账编号、发文字号): one counter row per series and year, locked by the
-- registering transaction until it commits, so a rollback hands its number back.
CREATE TABLE serial_counters (
  series text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (series, year)
);

-- Files attached to clues, reports and answers. The owner (type + id) decides who may read one:
-- there is no route that serves an attachment without its owner's scope check.
CREATE TABLE attachments (
  id bigserial PRIMARY KEY,
  owner_type text NOT NULL,
  owner_id bigint NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);

INSERT INTO holiday_calendar (day, kind, name) VALUES
  ('2026-01-01', 'holiday', '元旦'),
  ('2026-01-02', 'holiday', '元旦'),
  ('2026-01-03', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦调休上班'),
  ('2026-02-14', 'workday', '春节调休上班'),
  ('2026-02-15', 'holiday', '春节'),
  ('2026-02-16', 'holiday', '春节'),
  ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'),
  ('2026-02-19', 'holiday', '春节'),
  ('2026-02-20', 'holiday', '春节'),
  ('2026-02-21', 'holiday', '春节'),
  ('2026-02-22', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节调休上班'),
  ('2026-04-04', 'holiday', '清明节'),
  ('2026-04-05', 'holiday', '清明节'),
  ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'),
  ('2026-05-02', 'holiday', '劳动节'),
  ('2026-05-03', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'),
  ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节调休上班'),
  ('2026-06-19', 'holiday', '端午节'),
  ('2026-06-20', 'holiday', '端午节'),
  ('2026-06-21', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节调休上班'),
  ('2026-09-25', 'holiday', '中秋节'),
  ('2026-09-26', 'holiday', '中秋节'),
  ('2026-09-27', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'),
  ('2026-10-02', 'holiday', '国庆节'),
  ('2026-10-03', 'holiday', '国庆节'),
  ('2026-10-04', 'holiday', '国庆节'),
  ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节调休上班'),
  ('2027-01-01', 'holiday', '元旦（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-02-05', 'holiday', '春节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-02-06', 'holiday', '春节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-02-07', 'holiday', '春节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-02-08', 'holiday', '春节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-04-05', 'holiday', '清明节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-05-01', 'holiday', '劳动节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-05-02', 'holiday', '劳动节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-06-09', 'holiday', '端午节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-09-15', 'holiday', '中秋节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-10-01', 'holiday', '国庆节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-10-02', 'holiday', '国庆节（法定节假日；调休安排待国务院办公厅通知后补录）'),
  ('2027-10-03', 'holiday', '国庆节（法定节假日；调休安排待国务院办公厅通知后补录）');
