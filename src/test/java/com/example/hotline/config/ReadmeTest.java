package com.example.hotline.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README true: every configuration key the server accepts is documented there. */
class ReadmeTest {

    @Test
    void everyConfigKeyAndItsEnvironmentNameIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(readme.contains("`" + k.key() + "`"), "README documents key " + k.key());
            assertTrue(readme.contains("`" + k.envName() + "`"), "README documents env " + k.envName());
        }
    }
}
