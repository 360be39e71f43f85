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
# The same JDK 21+ as ./mvnw picks when JAVA_HOME is unset or older (these machines default to 17)
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'; }
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/java}"
if [ -z "$java_bin" ] || [ "$(java_major "$java_bin")" -lt 21 ] 2>/dev/null; then
  java_bin="$(command -v java || true)" best=0
  for jdk in /usr/lib/jvm/* /opt/java/*; do
    [ -x "$jdk/bin/java" ] || continue
    major="$(java_major "$jdk/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best" ]; then java_bin="$jdk/bin/java" best="$major"; fi
  done
fi
# The launcher holds no service: it starts the jars, the Kafka nodes (its class path has the test kit's broker) and a
# demo mail server, and stops them all when it stops
exec "$java_bin" -Xmx256m -cp "infra/launcher/target/classes:$(cat infra/launcher/target/runtime-classpath.txt)" \
  io.techex.launcher.SeparateProcesses "$@"
