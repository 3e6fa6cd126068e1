-- The host whose data volume received the document. Hosts share the catalog but not their volumes: a host
-- without the bytes of a document not backed up yet names the host that has them. Null for documents from
-- before hosts were recorded (and for rows a restore imported), which are taken as this host's own.
ALTER TABLE document ADD COLUMN stored_on VARCHAR(64);
