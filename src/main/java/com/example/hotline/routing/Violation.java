package com.example.hotline.routing;

import java.time.Instant;

/**
 * An attempt to forward a hotline call where it may not go (C5), refused by the transfer guard:
 * the call, who tried ({@code by}: the transferring phone's channel, or how it was attempted), the
 * target and why it was refused. {@code id} is 0 until stored. Immutable.
 */
public record Violation(long id, Instant at, String linkedId, String uniqueId, String by, String target,
                        String reason) {}
