package dev.rollcall.server.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;

/** Says what is wrong with an unreadable JSON body, naming the field, without echoing values. */
final class JsonErrors {

    private JsonErrors() {}

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            String path = jackson.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("");
            String what = jackson.getOriginalMessage();
            int cut = what.indexOf('\n');
            what = cut > 0 ? what.substring(0, cut) : what;
            return path.isEmpty() ? what : "field '" + path + "': " + what;
        }
        return "it is missing or is not JSON";
    }
}
