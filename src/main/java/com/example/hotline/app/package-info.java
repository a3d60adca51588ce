/**
 * The composition root: {@link com.example.hotline.app.Main} parses the command line,
 * {@link com.example.hotline.app.HotlineServer} loads the configuration, builds every service,
 * starts them and stops them in reverse order. The only package that knows all the others.
 */
package com.example.hotline.app;
