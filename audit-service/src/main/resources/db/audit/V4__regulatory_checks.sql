-- The regulatory checks (io.techex.audit.checks) read the trail by event type and join a contract's events on the
-- contractId in their data; without these, every check scans the whole trail once per contract it looks at.
CREATE INDEX trail_entry_type ON trail_entry (event_type, occurred_at, position);
CREATE INDEX trail_entry_contract ON trail_entry (event_type, (data ->> 'contractId'));
