package com.example.hotline.call;

/** Asterisk's channel states, numbered as in AMI's {@code ChannelState} header. */
public enum ChannelState {
    DOWN, RESERVED, OFFHOOK, DIALING, RING, RINGING, UP, BUSY, DIALING_OFFHOOK, PRERING, UNKNOWN;

    public static ChannelState of(Integer code) {
        if (code == null || code < 0 || code >= UNKNOWN.ordinal()) {
            return UNKNOWN;
        }
        return values()[code];
    }
}
