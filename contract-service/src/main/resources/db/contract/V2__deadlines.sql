-- Deadlines' table, scheduled_tasks, is the platform's V0_4__scheduled_tasks.sql. It was created here until the
-- platform took it over, so databases that applied the earlier text have it already; their record of this file is
-- realigned on start (techex.flyway.edited-migrations in contract-service.yml).

-- A regulator's decision past its deadline: such contracts come first in the regulators' queue.
ALTER TABLE contract_view ADD COLUMN decision_overdue BOOLEAN NOT NULL DEFAULT false;
