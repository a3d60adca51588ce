package com.example.hotline.web;

import com.example.hotline.auth.User;
import java.util.List;
import java.util.Map;

/**
 * An authenticated API request as handlers see it, with the values of its route's {@code {name}}
 * path parameters, its {@code Content-Type} header (null when absent), the other headers a handler
 * reads ({@code headers}, names in lower case: {@code range}), the client's address and the tag of
 * the browser session it came with ({@link com.example.hotline.auth.Session#tag}; null for HTTP
 * Basic). Immutable.
 */
public record Request(String method, String path, Map<String, List<String>> query, byte[] body, User user,
                      Map<String, String> pathParams, String contentType, Map<String, String> headers,
                      String client, String sessionTag) {

    public Request {
        pathParams = pathParams == null ? Map.of() : Map.copyOf(pathParams);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A request whose client and session are not known (tests, internal calls). */
    public Request(String method, String path, Map<String, List<String>> query, byte[] body, User user,
                   Map<String, String> pathParams, String contentType, Map<String, String> headers) {
        this(method, path, query, body, user, pathParams, contentType, headers, null, null);
    }

    /** A request without further headers. */
    public Request(String method, String path, Map<String, List<String>> query, byte[] body, User user,
                   Map<String, String> pathParams, String contentType) {
        this(method, path, query, body, user, pathParams, contentType, Map.of());
    }

    /** A header by its lower-case name, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** A request without a Content-Type header. */
    public Request(String method, String path, Map<String, List<String>> query, byte[] body, User user,
                   Map<String, String> pathParams) {
        this(method, path, query, body, user, pathParams, null);
    }

    /** A request of a route without path parameters. */
    public Request(String method, String path, Map<String, List<String>> query, byte[] body, User user) {
        this(method, path, query, body, user, Map.of());
    }

    /** The single value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The value of a path parameter of the route ({@code {id}}), or null. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }
}
