-- Which identifiers each capture was searched for. A capture imported again with identifiers it was not searched
-- for is searched for them (instead of "already imported, nothing changed"), and a report can say when no
-- identifiers were searched at all. For captures imported before this table existed, the identifiers that have hits
-- were certainly searched for (recorded, so they are not searched and stored twice); ones searched without a hit
-- cannot be known, so such captures are marked as not having a complete record and reports say nothing about them.
ALTER TABLE captures ADD COLUMN identifier_searches_recorded INTEGER NOT NULL DEFAULT 0;
CREATE TABLE identifier_searches (
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  searched_at TEXT NOT NULL,
  PRIMARY KEY (capture_id, label, value)
);
INSERT OR IGNORE INTO identifier_searches (capture_id, label, value, searched_at)
  SELECT DISTINCT h.capture_id, h.label, h.value, c.imported_at FROM identifier_hits h JOIN captures c ON c.id = h.capture_id;
