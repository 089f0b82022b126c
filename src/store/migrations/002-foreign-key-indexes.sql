-- Indexes for lookups that 001 left to full scans; they matter once a database holds thousands
-- of apps and audits (see bench/scale-bench.ts).
-- The latest audit of an app (report, batch resume) and the cascade when an app is deleted.
CREATE INDEX audits_app ON audits(app_id, id);
-- ON DELETE SET NULL from policy_snapshots, and the foreign-key check of `claimcheck db check`.
CREATE INDEX audits_snapshot ON audits(snapshot_id);
-- Sections of a snapshot in document order (report quotes), and the cascade from snapshots.
CREATE INDEX policy_sections_snapshot ON policy_sections(snapshot_id, ordinal);
-- The cascade from captures.
CREATE INDEX capture_warnings_capture ON capture_warnings(capture_id);
