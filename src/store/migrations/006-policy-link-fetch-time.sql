-- When each tie of a policy to a linked page was last confirmed by a fetch. A page's snapshot is
-- stored once per bytes with its first fetch time, so a list that changed and then changed back
-- (v1, v2, v1) would otherwise look older than v2; audits read the page whose link was fetched last.
ALTER TABLE policy_links ADD COLUMN fetched_at TEXT;
UPDATE policy_links SET fetched_at = (SELECT fetched_at FROM policy_snapshots s WHERE s.id = policy_links.linked_snapshot_id);
