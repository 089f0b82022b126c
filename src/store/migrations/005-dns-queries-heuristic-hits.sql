-- What `claimcheck inspect` showed but `import` did not keep (issue 4): the DNS questions of a capture, the frame
-- where an identifier hit spanning TCP segments ends, and identifiers found by their shape. Heuristic hits have a
-- table of their own, so that nothing reading identifier_hits mistakes a guess for a value the user supplied.
CREATE TABLE dns_queries (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  frame INTEGER NOT NULL,
  time REAL NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX dns_queries_capture ON dns_queries(capture_id);

-- NULL when the hit lies within one frame, and for hits imported before this version.
ALTER TABLE identifier_hits ADD COLUMN end_frame INTEGER;

CREATE TABLE heuristic_hits (
  id INTEGER PRIMARY KEY,
  capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  -- Kind of identifier recognised: email, phone, uuid, imei, coordinates.
  kind TEXT NOT NULL,
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
CREATE INDEX heuristic_hits_capture ON heuristic_hits(capture_id);
