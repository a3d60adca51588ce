#!/usr/bin/env bash
# Tracker benchmark: streams synthetic calls built from the captured AMI transcripts into a bare
# asterisk-java connection and into the full AMI → tracker → PostgreSQL path, prints events/s and
# the ratio (see README, "Benchmark"). Arguments go to the program, e.g. --calls=20000 --runs=3
# --modes=a,b --spacing-ms=1000 --queue-capacity=50000. Log: target/bench.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms2g -Xmx2g -Dlogback.configurationFile=src/test/resources/bench-logback.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    com.example.hotline.bench.TrackerBenchmark "$@"
