-- 风险防范承诺书 for a self-check campaign as well as for a year [001: 承诺书 "for a year or a
-- campaign"]: a cadre has at most one yearly commitment per year and one per campaign.
ALTER TABLE commitments ADD COLUMN campaign_id integer REFERENCES check_campaigns(id);
ALTER TABLE commitments DROP CONSTRAINT commitments_person_id_year_key;
CREATE UNIQUE INDEX commitments_person_year ON commitments (person_id, year) WHERE campaign_id IS NULL;
CREATE UNIQUE INDEX commitments_person_campaign ON commitments (person_id, campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX commitments_campaign ON commitments (campaign_id) WHERE campaign_id IS NOT NULL;
