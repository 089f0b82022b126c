-- Each time `policy add` reads a version of an app's policy: a sighting. policy_snapshots keeps each version's bytes
-- once per app (UNIQUE(app_id, sha256)), so a policy that changed and changed back (v1, v2, v1) had one row for v1
-- dated by its first addition, and a capture made after the return was audited against v2. The version in force at
-- a moment is the snapshot of the latest sighting whose COALESCE(declared_date, read_at) is at or before it.
-- source: where these bytes were read this time; read_at: when (ISO 8601, UTC); declared_date: the user's date for an
-- archived copy (`--as-of`), NULL for a copy read as current. Pages a policy links to have no sightings (their
-- policy_links.fetched_at does that job).
CREATE TABLE policy_sightings (
  id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES policy_snapshots(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  read_at TEXT NOT NULL,
  declared_date TEXT
);
CREATE INDEX policy_sightings_snapshot ON policy_sightings(snapshot_id);
-- One sighting per version stored before: its first source and dates, in insertion order, so the versions in force
-- stay what they were.
INSERT INTO policy_sightings (snapshot_id, source, read_at, declared_date)
  SELECT id, source, fetched_at, declared_date FROM policy_snapshots WHERE role = 'policy' ORDER BY id;
