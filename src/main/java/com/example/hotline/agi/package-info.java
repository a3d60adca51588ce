/**
 * The FastAGI server (bound to loopback, peers checked against an allow-list, scripts mapped
 * explicitly) and its thin scripts, which ask {@code routing} where a call rings and set the channel
 * variables the dialplan reads. Scripts are stateless: one instance serves every call concurrently.
 */
package com.example.hotline.agi;
