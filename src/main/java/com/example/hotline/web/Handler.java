package com.example.hotline.web;

/** Answers one kind of request. Runs on an http-worker thread; may block. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
