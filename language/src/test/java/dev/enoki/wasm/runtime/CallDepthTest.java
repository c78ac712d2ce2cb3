package dev.enoki.wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * The call-depth limit ({@link CallDepth#LIMIT}): nested Wasm calls up to it run, one more traps with the spec's
 * message, the trap's stack trace is bounded, and the depth is whole again for the next call from the host. Runs on a
 * thread whose stack holds the limit's depth interpreted, so that the limit, not the JVM's stack, is what is reached.
 */
class CallDepthTest {
    private static final String DEEP = "(module (func $deep (export \"deep\") (param i32) (result i32)"
                    + " (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))"
                    + " (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))";

    @Test
    void callsNestUpToTheLimitAndTrapOneBeyond() throws Throwable {
        onLargeStack(() -> {
            try (Context context = WasmTestSupport.context()) {
                Value deep = WasmTestSupport.exports(context, DEEP).getMember("deep");
                // deep(n) runs n + 1 nested functions.
                assertEquals(CallDepth.LIMIT - 1, deep.execute(CallDepth.LIMIT - 1).asInt());
                PolyglotException trap = assertThrows(PolyglotException.class, () -> deep.execute(CallDepth.LIMIT));
                assertTrue(trap.isGuestException());
                assertEquals("call stack exhausted", trap.getMessage());
                long guestFrames = 0;
                for (PolyglotException.StackFrame frame : trap.getPolyglotStackTrace()) {
                    if (frame.isGuestFrame()) {
                        guestFrames++;
                    }
                }
                assertTrue(guestFrames <= 100, guestFrames + " guest frames");
                // The trap left no depth behind: the same depth runs again.
                assertEquals(CallDepth.LIMIT - 1, deep.execute(CallDepth.LIMIT - 1).asInt());
            }
        });
    }

    private static void onLargeStack(Runnable test) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                test.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "deep", 512L << 20);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
