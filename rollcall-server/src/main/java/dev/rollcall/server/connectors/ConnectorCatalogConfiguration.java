package dev.rollcall.server.connectors;

import dev.rollcall.engine.ConnectorCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors on the class path, found once at start. */
@Configuration(proxyBeanMethods = false)
public class ConnectorCatalogConfiguration {

    @Bean
    ConnectorCatalog connectorCatalog() {
        return ConnectorCatalog.load(ConnectorCatalogConfiguration.class.getClassLoader());
    }
}
