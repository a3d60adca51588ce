#!/usr/bin/env bash
# Recording search benchmark (issue 7): an embedded PostgreSQL with the real migrations filled with
# 1,000,000 generated recordings, their calls and tickets; the workbench's typical searches through
# the API's query builder before and after the search indexes (V35); prints p50/p95/max and the
# query plans (see README, "Benchmark"). Arguments: --recordings=1000000 --iterations=300
# --before-iterations=15 --seed=7 --reuse (keep the loaded database of the previous run if complete).
# Database: target/bench-search-pg (about 2 GB). Log: target/bench.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms2g -Xmx2g -Dlogback.configurationFile=src/test/resources/bench-logback.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    com.example.hotline.bench.SearchBenchmark "$@"
