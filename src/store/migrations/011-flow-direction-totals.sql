-- What each end of a flow sent: the client's packets, frame bytes and payload bytes, and the server's. A flow in which
-- the client sent nothing (a server re-sending FINs to a device that has gone) is not evidence that anyone received
-- data. Flows imported before this version were not counted by direction: their columns stay NULL (unknown), never 0,
-- so nothing reads them as "the client sent nothing". Importing the capture again does not recount them (it is stored
-- once); import it into a new database to get the split.
ALTER TABLE flows ADD COLUMN client_packets INTEGER;
ALTER TABLE flows ADD COLUMN client_bytes INTEGER;
ALTER TABLE flows ADD COLUMN client_payload_bytes INTEGER;
ALTER TABLE flows ADD COLUMN server_packets INTEGER;
ALTER TABLE flows ADD COLUMN server_bytes INTEGER;
ALTER TABLE flows ADD COLUMN server_payload_bytes INTEGER;
