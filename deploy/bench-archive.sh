#!/usr/bin/env bash
# Archive benchmark: N generated speech-like WAVs archived by the real archive job and transcoded by
# plain ffmpeg at the same parallelism in the same run; prints files/s of both and the ratio (see
# README, "Benchmark"). Arguments go to the program: --files=24 --minutes=3 --threads=2 --rounds=3;
# exit status 1 when the median ratio is below the goal (0.9).
# Needs Debian's ffmpeg. Log: target/bench.log.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v ffmpeg >/dev/null || { echo "bench-archive: ffmpeg missing (apt-get install ffmpeg)" >&2; exit 2; }
mvn -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -Dlogback.configurationFile=src/test/resources/bench-logback.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    com.example.hotline.bench.ArchiveBenchmark "$@"
