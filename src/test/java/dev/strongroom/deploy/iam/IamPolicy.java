package dev.strongroom.deploy.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A policy document with a name to report it by (its file, usually). */
public record IamPolicy(String name, List<Statement> statements) {

    public static IamPolicy read(String name, JsonNode document) {
        if (!document.path("Version").asText().equals("2012-10-17")) {
            throw new IllegalArgumentException(name + ": Version must be 2012-10-17 (policy variables need it)");
        }
        List<Statement> statements = new ArrayList<>();
        JsonNode list = document.path("Statement");
        if (list.isObject()) {
            statements.add(Statement.read(list, 0));
        } else {
            for (int i = 0; i < list.size(); i++) {
                statements.add(Statement.read(list.get(i), i));
            }
        }
        return new IamPolicy(name, List.copyOf(statements));
    }
}
