#!/usr/bin/env bash
# Ticket benchmark (issue 4): 50 concurrent FastAGI sessions open tickets on an embedded PostgreSQL
# (fsync on); prints p50/p99 from request to committed ticket next to the bare ticket transaction
# measured in the same run (see README, "Benchmark"). Arguments: --sessions=50 --tickets=5000.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms1g -Xmx1g -Dlogback.configurationFile=src/test/resources/bench-logback.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    com.example.hotline.bench.TicketBenchmark "$@"
