-- db-scheduler's table (its PostgreSQL schema for version 16), for Axon's deadlines (io.techex.platform.deadline):
-- persisted so that they fire after a restart; an instance claims a due row ("picked") so that one deadline fires on
-- one instance. Every service gets it; only those with deadlines (techex.deadlines.enabled) run a scheduler over it.
-- bidding-service (V1) and contract-service (V2) created this very table themselves before the platform took it over:
-- on their existing databases this migration arrives out of order and finds it, hence IF NOT EXISTS throughout.
CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX IF NOT EXISTS scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
