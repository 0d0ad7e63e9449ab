package dev.rollcall.server.connectors;

import dev.rollcall.connector.api.Capability;
import dev.rollcall.connector.api.ConnectorDescriptor;
import dev.rollcall.connector.api.StreamSpec;
import dev.rollcall.connector.api.config.ConfigField;
import dev.rollcall.connector.api.config.FieldType;
import dev.rollcall.engine.ConnectorCatalog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connectors this installation has, with their configuration specs: what a client (the
 * dashboard's integration form among them) needs to build a valid configuration.
 */
@RestController
@RequestMapping("/api/v1/connectors")
public class ConnectorController {

    public record FieldView(
            String name,
            FieldType type,
            String label,
            String description,
            boolean required,
            boolean secret,
            @Nullable Object defaultValue,
            List<String> options,
            @Nullable Long min,
            @Nullable Long max) {

        static FieldView of(ConfigField field) {
            return new FieldView(
                    field.name(),
                    field.type(),
                    field.label(),
                    field.description(),
                    field.required(),
                    field.secret(),
                    field.defaultValue(),
                    field.options(),
                    field.min(),
                    field.max());
        }
    }

    public record ConnectorView(
            String type,
            String displayName,
            String description,
            Set<Capability> capabilities,
            List<StreamSpec> streams,
            List<FieldView> configFields) {

        static ConnectorView of(ConnectorDescriptor descriptor) {
            return new ConnectorView(
                    descriptor.type(),
                    descriptor.displayName(),
                    descriptor.description(),
                    descriptor.capabilities(),
                    descriptor.streams(),
                    descriptor.configSpec().fields().stream().map(FieldView::of).toList());
        }
    }

    private final ConnectorCatalog catalog;

    public ConnectorController(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public List<ConnectorView> list(Caller caller) {
        return catalog.descriptors().stream().map(ConnectorView::of).toList();
    }

    @GetMapping("/{type}")
    public ConnectorView get(Caller caller, @PathVariable String type) {
        return catalog.find(type)
                .map(factory -> ConnectorView.of(factory.descriptor()))
                .orElseThrow(() -> ApiProblem.notFound("Connector", type));
    }
}
