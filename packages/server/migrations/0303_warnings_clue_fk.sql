-- A warning issued from a clue cites it: the clue ledger (0200) now exists, so the link is enforced.
ALTER TABLE warnings ADD CONSTRAINT warnings_clue_id_fkey FOREIGN KEY (clue_id) REFERENCES clues (id);
