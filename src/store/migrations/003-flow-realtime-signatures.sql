-- Real-time media protocols recognised in a flow's UDP payloads (STUN, RTP, RTCP), with the first
-- frame of each: JSON array of {protocol, frame}. Flows imported before this version have none.
ALTER TABLE flows ADD COLUMN realtime TEXT NOT NULL DEFAULT '[]';
