/**
 * The benchmarks (see README, "Benchmark"): the tracker benchmark, synthetic calls made from the
 * captured AMI transcripts streamed over a socket into a bare asterisk-java connection and into the
 * full AMI → tracker → PostgreSQL path ({@link com.example.hotline.bench.TrackerBenchmark},
 * {@code deploy/bench-tracker.sh}); the archive, ticket and recording search benchmarks
 * ({@code deploy/bench-archive.sh}, {@code bench-tickets.sh}, {@code bench-search.sh}). Test scope:
 * nothing here ships in the server jar.
 */
package com.example.hotline.bench;
