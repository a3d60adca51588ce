package com.example.hotline.app;

import com.example.hotline.config.ConfigException;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code serve}, and commands that work beside a running server by talking to it
 * ({@code import-directory}); later capabilities add their commands here.
 */
@Command(name = "hotline", mixinStandardHelpOptions = true, version = "hotline 0.1",
        description = "Service hotline server beside an Asterisk PBX.",
        subcommands = {Main.Serve.class, ImportDirectoryCommand.class, JobCommands.Archive.class,
                JobCommands.Retention.class})
public final class Main implements Callable<Integer> {

    /** Exit code for a configuration error (the message names the key). */
    static final int EXIT_CONFIG = 2;
    /** Exit code for a start-up failure other than configuration. */
    static final int EXIT_START = 3;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 1;
    }

    static HotlineConfig loadConfig(Path file) {
        return ConfigLoader.load(file, System.getenv());
    }

    /** {@code serve [--config FILE]}: runs the server until SIGTERM/SIGINT. */
    @Command(name = "serve", description = "Run the hotline server.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", description = "properties file (keys in the README)")
        Path config;

        @Override
        public Integer call() {
            HotlineConfig cfg;
            try {
                cfg = loadConfig(config);
            } catch (ConfigException e) {
                System.err.println("hotline: configuration error: " + e.getMessage());
                return EXIT_CONFIG;
            }
            HotlineServer server = new HotlineServer(cfg);
            try {
                server.start();
            } catch (ConfigException e) {
                System.err.println("hotline: configuration error: " + e.getMessage());
                server.close();
                return EXIT_CONFIG;
            } catch (RuntimeException e) {
                System.err.println("hotline: cannot start: " + e.getMessage());
                org.slf4j.LoggerFactory.getLogger(Main.class).error("start failed", e);
                server.close();
                return EXIT_START;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
