package dev.rollcall.server.oneroster;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes the OneRoster 1.2 error body: {@code {"imsx_StatusInfo": {...}}} with one codeMinor field. */
final class ImsxStatus {

    private ImsxStatus() {}

    static void write(HttpServletResponse response, JsonMapper json, OneRosterException error) throws IOException {
        response.resetBuffer();
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"rollcall\"");
        }
        if (error.status() == 429) {
            response.setHeader("Retry-After", "1");
        }
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeName("imsx_StatusInfo");
            out.writeStartObject();
            out.writeStringProperty("imsx_codeMajor", "failure");
            out.writeStringProperty("imsx_severity", "error");
            out.writeStringProperty("imsx_description", error.getMessage());
            out.writeName("imsx_CodeMinor");
            out.writeStartObject();
            out.writeName("imsx_codeMinorField");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringProperty("imsx_codeMinorFieldName", "TargetEndSystem");
            out.writeStringProperty("imsx_codeMinorFieldValue", error.codeMinor());
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
        }
    }
}
