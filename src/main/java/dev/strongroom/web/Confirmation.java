package dev.strongroom.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step between pressing a button for an irreversible action and the action. The button's form
 * posts to the action itself; without {@value #FIELD}{@code =yes} the action only answers this page,
 * which says what will happen to what and posts the same form again with the field set. It needs no
 * script (the pages' policy forbids inline script), carries the CSRF token like every form, and a
 * request forged without the field changes nothing.
 *
 * @param facts what the action applies to, shown as a list, in order
 * @param hidden form fields to post again with the confirmation
 * @param typeToConfirm when set, the person must type this text (a user name) for the action to run
 * @param problem why the last confirmation was not accepted, or null
 */
public record Confirmation(String heading, String consequence, Map<String, String> facts, String action,
        Map<String, String> hidden, String button, String typeToConfirm, String cancel, String problem) {

    public static final String FIELD = "confirm";
    public static final String TYPED = "typed";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(Page page, Confirmation confirm);
    }

    /** A confirmation of {@code action} (posted back to itself) with no extra fields and nothing to type. */
    public static Confirmation of(String heading, String consequence, Map<String, String> facts, String action,
            String button, String cancel) {
        return new Confirmation(heading, consequence, facts, action, Map.of(), button, null, cancel, null);
    }

    public Confirmation withHidden(Map<String, String> fields) {
        return new Confirmation(heading, consequence, facts, action, new LinkedHashMap<>(fields), button, typeToConfirm,
                cancel, problem);
    }

    public Confirmation typing(String text) {
        return new Confirmation(heading, consequence, facts, action, hidden, button, text, cancel, problem);
    }

    public Confirmation refusing(String why) {
        return new Confirmation(heading, consequence, facts, action, hidden, button, typeToConfirm, cancel, why);
    }

    /** True when the form came back from this page, confirmed (and typed, where asked). */
    public static boolean given(String confirm) {
        return "yes".equals(confirm);
    }

    /** The page, with 200 for a first ask and 400 when a typed confirmation did not match. */
    public Response page(Page frame) {
        return Response.status(problem == null ? 200 : 400).entity(Templates.confirm(frame, this)).build();
    }
}
