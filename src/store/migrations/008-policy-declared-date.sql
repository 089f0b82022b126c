-- The date a user declares for an archived copy of a policy (`policy add --as-of`: a Wayback Machine save, an old
-- snapshot): 'YYYY-MM-DD' or an ISO time in UTC. fetched_at stays the real time claimcheck read the bytes. NULL for
-- versions read as current, for pages a policy links to, and for every row stored before this version. The version
-- in force at a capture is chosen by COALESCE(declared_date, fetched_at); both forms compare as text.
ALTER TABLE policy_snapshots ADD COLUMN declared_date TEXT;
