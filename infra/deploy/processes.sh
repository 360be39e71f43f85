#!/usr/bin/env bash
# Runs the exchange as separate processes on this machine, each application from its executable jar as production runs
# it: Kafka (one KRaft node, or three with --kafka-cluster), the authorization server on 9000, listing-service 8081,
# bidding-service 8082 and 8182, contract-service 8083, audit-service 8084 and 8184, notification-service 8085, the web
# console on 8080. Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379, as the one-process launcher does.
#   options: --kafka-cluster, --logs DIR (default ~/.techex/processes/logs)
# Runs in the foreground; Ctrl-C or SIGTERM stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
# -am packages every module the launcher depends on: each service's <module>-<version>-exec.jar
./mvnw -q -pl infra/launcher -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
# java_bin: the same JDK 21+ as ./mvnw picks
source infra/deploy/java.sh
# The launcher holds no service: it starts the jars, the Kafka nodes (its class path has the test kit's broker) and a
# demo mail server, and stops them all when it stops
exec "$java_bin" -Xmx256m -cp "infra/launcher/target/classes:$(cat infra/launcher/target/runtime-classpath.txt)" \
  io.techex.launcher.SeparateProcesses "$@"
