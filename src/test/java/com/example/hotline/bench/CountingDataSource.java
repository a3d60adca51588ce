package com.example.hotline.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the database round trips made through it: statements executed
 * (a JDBC batch counts once: the driver sends it in one go), commits and connections taken from the
 * pool. Works by dynamic proxies over the JDBC interfaces. Thread-safe.
 */
final class CountingDataSource {

    final AtomicLong statements = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    private final DataSource dataSource;

    CountingDataSource(DataSource delegate) {
        this.dataSource = (DataSource) proxy(delegate, DataSource.class);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Round trips counted so far: statements plus commits. */
    long roundTrips() {
        return statements.get() + commits.get();
    }

    private Object proxy(Object target, Class<?> type) {
        InvocationHandler h = (p, m, args) -> {
            String name = m.getName();
            if (name.startsWith("execute")) {
                statements.incrementAndGet();
            } else if (name.equals("commit")) {
                commits.incrementAndGet();
            } else if (name.equals("getConnection")) {
                connections.incrementAndGet();
            }
            Object out;
            try {
                out = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (out instanceof Connection && m.getReturnType() == Connection.class) {
                return proxy(out, Connection.class);
            }
            if (out instanceof Statement && Statement.class.isAssignableFrom(m.getReturnType())) {
                return proxy(out, m.getReturnType());
            }
            return out;
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }
}
