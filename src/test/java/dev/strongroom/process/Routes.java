package dev.strongroom.process;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every route of the vault's compiled classes (REST resources and pages alike) whose path has a
 * parameter, read from the JAX-RS annotations: the list a hostile caller would try, taken from the
 * code rather than written by hand, so a new route is covered the day it is added.
 */
final class Routes {

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE");
    static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

    /** One route: "GET /api/documents/{id}". */
    record Route(String method, String template) implements Comparable<Route> {

        /** The path with every parameter replaced by {@code value}. */
        String with(String value) {
            Matcher m = PARAMETER.matcher(template);
            return m.replaceAll(Matcher.quoteReplacement(value));
        }

        @Override
        public int compareTo(Route other) {
            return (template + method).compareTo(other.template + other.method);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private Routes() {
    }

    static List<Route> withPathParameters() {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        TreeSet<Route> routes = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$") || !name.startsWith("dev.strongroom.")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, Routes.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = METHODS.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String template = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    if (template.length() > 1 && template.endsWith("/")) {
                        template = template.substring(0, template.length() - 1);
                    }
                    if (PARAMETER.matcher(template).find()) {
                        routes.add(new Route(verb, template));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes + "; run ./mvnw package first", e);
        }
        return List.copyOf(routes);
    }
}
