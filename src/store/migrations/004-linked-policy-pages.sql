-- Pages a policy links to (sub-processor lists, `policy add --follow-subprocessors`) are stored as
-- snapshots of their own, with their bytes and sha256, so their claims keep a verifiable source.
-- 'policy': a version of the app's policy; 'subprocessor-list': a linked page, never a policy version.
ALTER TABLE policy_snapshots ADD COLUMN role TEXT NOT NULL DEFAULT 'policy';

-- Which policy snapshot links to which page snapshot. The same page may be linked from several
-- policy versions, and one link may have several fetched versions (the audit reads the newest).
CREATE TABLE policy_links (
  policy_snapshot_id INTEGER NOT NULL REFERENCES policy_snapshots(id) ON DELETE CASCADE,
  linked_snapshot_id INTEGER NOT NULL REFERENCES policy_snapshots(id) ON DELETE CASCADE,
  url TEXT NOT NULL,       -- the link resolved against the policy's source: a URL or a file path
  href TEXT NOT NULL,      -- the link as written in the policy
  link_text TEXT NOT NULL, -- the link's text as written
  PRIMARY KEY (policy_snapshot_id, linked_snapshot_id)
);
CREATE INDEX policy_links_linked ON policy_links(linked_snapshot_id);
