package com.example.hotline.routing;

import java.util.function.Function;

/**
 * Whether a hotline call may be transferred to a number: only to a desk or department phone that
 * records (C5). Everything else, including an unknown number, is refused with a reason. Pure.
 */
public final class TransferGuard {

    /** The verdict on one attempted transfer. */
    public record Verdict(boolean allowed, String reason) {}

    private final Function<String, Extension> registry;

    public TransferGuard(Function<String, Extension> registry) {
        this.registry = registry;
    }

    public Verdict check(String target) {
        if (target == null || !Extension.NUMBER.matcher(target).matches()) {
            return new Verdict(false, "not a phone number: " + target);
        }
        String refusal = registry.apply(target).refusal();
        return refusal == null ? new Verdict(true, "records") : new Verdict(false, refusal);
    }
}
