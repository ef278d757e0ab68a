-- The talk register follows the warnings (0400 · talks_follow_warning) once per statement instead of
-- once per row: the same upsert of the same talks, but one INSERT … SELECT over the rows the
-- statement wrote. The escalation sweep writes 190,000 warning rows in two statements (bench:sweep);
-- a row trigger ran 190,000 PL/pgSQL calls and 20,000 single-row upserts, ≈ 1.5 s of the sweep's
-- database time, for the 20,000 level-3 warnings that demand an admonishment talk.
-- Transition tables allow one event per trigger: one trigger for INSERT, one for UPDATE, one function.
DROP TRIGGER warnings_talk_to_register ON warnings;
DROP FUNCTION talks_follow_warning();

CREATE FUNCTION talks_follow_warnings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO talks (kind, status, talk_class, subject_person_id, subject_org_id, talker_text, participants_text, due_on, held_on,
                     location, points, source_kind, source_id, cancel_reason, created_at)
  SELECT 'admonishment',
         CASE WHEN w.talk_held_on IS NOT NULL THEN 'held' WHEN w.status IN ('closed', 'escalated', 'referred') THEN 'cancelled' ELSE 'planned' END,
         NULL, w.subject_person_id, w.subject_org_id, w.talk_by, w.talk_participants,
         coalesce(w.talk_scheduled_on, w.deadline), w.talk_held_on, w.talk_place,
         CASE WHEN w.talk_held_on IS NOT NULL THEN coalesce(w.talk_record, '（谈话记录见预警 ' || w.serial_no || '）') END,
         'warning', w.id,
         CASE WHEN w.talk_held_on IS NULL AND w.status IN ('closed', 'escalated', 'referred') THEN '预警已办结、升级或移送问责，未记录谈话' END,
         w.created_at
  FROM changed_warnings w
  WHERE 'admonishment_talk' = ANY (w.demands)
  ORDER BY w.id
  ON CONFLICT (source_id) WHERE source_kind = 'warning' DO UPDATE SET
    status = EXCLUDED.status, talker_text = EXCLUDED.talker_text, participants_text = EXCLUDED.participants_text,
    due_on = EXCLUDED.due_on, held_on = EXCLUDED.held_on, location = EXCLUDED.location, points = EXCLUDED.points,
    cancel_reason = EXCLUDED.cancel_reason;
  RETURN NULL;
END $$;

CREATE TRIGGER warnings_talk_to_register_insert AFTER INSERT ON warnings
  REFERENCING NEW TABLE AS changed_warnings FOR EACH STATEMENT EXECUTE FUNCTION talks_follow_warnings();
CREATE TRIGGER warnings_talk_to_register_update AFTER UPDATE ON warnings
  REFERENCING NEW TABLE AS changed_warnings FOR EACH STATEMENT EXECUTE FUNCTION talks_follow_warnings();
