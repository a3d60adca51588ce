/**
 * The AMI connection: login with retries, keep-alive pings, automatic reconnect and resync
 * (CoreShowChannels) after every (re)connect, and the translation of asterisk-java's events into the
 * {@link com.example.hotline.call.PbxEvent} vocabulary. Events are handed to the call-tracker thread
 * at once; nothing here blocks asterisk-java's single event-dispatch thread.
 */
package com.example.hotline.ami;
