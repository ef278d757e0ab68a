-- The people list's name search (`?q=王`) scanned every person in scope for `name LIKE '%王%'`: the
-- whole district's 98,683 on each request (≈ 20–33 ms of PostgreSQL CPU). A trigram index does not
-- serve the one- and two-character searches that Chinese names call for, so this one indexes each
-- name's characters: a name holds every character of the search or cannot match it, and the LIKE
-- then checks their order on the few that do.
CREATE INDEX people_name_chars ON people USING gin (string_to_array(name, NULL));
