package com.example.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;

/** Names a test's resources after the test: its work dir and log dir under target/. */
final class Fixture {

    final Path work;
    final Path logs;

    private Fixture(Path work, Path logs) {
        this.work = work;
        this.logs = logs;
    }

    static Fixture of(TestInfo info) throws IOException {
        String name = info.getTestClass().map(Class::getSimpleName).orElse("it") + "-"
                + info.getTestMethod().map(m -> m.getName()).orElse("test");
        Path target = Pbx.BASEDIR.resolve("target");
        Path work = target.resolve("it-work").resolve(name);
        Path logs = target.resolve("it-logs").resolve(name);
        deleteTree(work);
        deleteTree(logs);
        Files.createDirectories(work);
        Files.createDirectories(logs);
        return new Fixture(work, logs);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
