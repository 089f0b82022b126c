-- Initial schema. Provenance is kept everywhere: snapshots keep their bytes and sha256,
-- claims keep their character span, flows and hits keep capture id and frame numbers.

CREATE TABLE apps (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE app_domains (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  PRIMARY KEY (app_id, domain)
);

CREATE TABLE policy_snapshots (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  format TEXT NOT NULL,
  bytes BLOB NOT NULL,
  text TEXT NOT NULL,
  title TEXT,
  extractor_version TEXT NOT NULL,
  UNIQUE (app_id, sha256)
);

CREATE TABLE policy_sections (
  id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES policy_snapshots(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  heading_path TEXT NOT NULL, -- JSON array of headings
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL
);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES policy_snapshots(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  section_path TEXT NOT NULL, -- JSON array
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  quote TEXT NOT NULL,
  polarity TEXT NOT NULL,
  details TEXT NOT NULL -- JSON: the kind-specific fields of the claim
);
CREATE INDEX claims_snapshot ON claims(snapshot_id, kind);

CREATE TABLE captures (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  packet_count INTEGER NOT NULL,
  first_time REAL,
  last_time REAL,
  imported_at TEXT NOT NULL,
  warning_count INTEGER NOT NULL,
  UNIQUE (app_id, sha256)
);

CREATE TABLE capture_warnings (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  offset INTEGER NOT NULL,
  location_kind TEXT NOT NULL,
  message TEXT NOT NULL
);

CREATE TABLE flows (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  protocol TEXT NOT NULL,
  client TEXT NOT NULL,
  client_port INTEGER NOT NULL,
  server TEXT NOT NULL,
  server_port INTEGER NOT NULL,
  packets INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  payload_bytes INTEGER NOT NULL,
  first_time REAL NOT NULL,
  last_time REAL NOT NULL,
  first_frame INTEGER NOT NULL,
  last_frame INTEGER NOT NULL,
  sample_frames TEXT NOT NULL, -- JSON array of frame numbers
  encryption TEXT NOT NULL,
  host_names TEXT NOT NULL,    -- JSON array of {host, source, frame}
  http_requests TEXT NOT NULL  -- JSON array of {frame, method, url}
);
CREATE INDEX flows_capture ON flows(capture_id);

CREATE TABLE dns_answers (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  frame INTEGER NOT NULL,
  time REAL NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  ttl INTEGER NOT NULL
);
CREATE INDEX dns_answers_capture ON dns_answers(capture_id);

CREATE TABLE identifier_hits (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  value TEXT NOT NULL,
  encoding TEXT NOT NULL,
  frame INTEGER NOT NULL,
  time REAL NOT NULL,
  offset INTEGER NOT NULL,
  context TEXT NOT NULL,
  encrypted INTEGER NOT NULL,
  protocol TEXT NOT NULL,
  src TEXT NOT NULL,
  src_port INTEGER NOT NULL,
  dst TEXT NOT NULL,
  dst_port INTEGER NOT NULL
);
CREATE INDEX identifier_hits_capture ON identifier_hits(capture_id);

-- User-supplied entity lists (the built-in catalog ships as package data, not rows).
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  origin TEXT NOT NULL,
  data TEXT NOT NULL -- JSON Entity
);

CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  snapshot_id INTEGER REFERENCES policy_snapshots(id) ON DELETE SET NULL,
  model TEXT NOT NULL -- JSON: recipients and inputs of this audit, for reports
);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  label TEXT,
  confidence TEXT NOT NULL,
  subject TEXT NOT NULL,
  data TEXT NOT NULL -- JSON Finding
);
CREATE INDEX findings_audit ON findings(audit_id);
