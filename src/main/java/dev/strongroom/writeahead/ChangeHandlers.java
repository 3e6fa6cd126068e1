package dev.strongroom.writeahead;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every kind of change the vault writes ahead, by its audit action, with the handler that finishes it. */
@ApplicationScoped
public class ChangeHandlers {

    private final Map<String, Registered> byAction = new HashMap<>();

    public ChangeHandlers(Instance<ChangeHandler> handlers) {
        for (ChangeHandler handler : handlers) {
            for (ChangeKind kind : handler.kinds()) {
                Registered earlier = byAction.put(kind.action(), new Registered(kind, handler));
                if (earlier != null) {
                    throw new IllegalStateException("two kinds of change share the action " + kind.action());
                }
            }
        }
    }

    Optional<Registered> forAction(String action) {
        return Optional.ofNullable(byAction.get(action));
    }

    ChangeHandler handlerOf(ChangeKind kind) {
        Registered registered = byAction.get(kind.action());
        if (registered == null) {
            throw new IllegalStateException("no handler for changes of kind " + kind.name());
        }
        return registered.handler();
    }

    Set<String> actions() {
        return byAction.keySet();
    }

    record Registered(ChangeKind kind, ChangeHandler handler) {
    }
}
