package dev.rollcall.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI rollcallOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Rollcall API")
                        .version("v1")
                        .description("Admin and data API of Rollcall, the roster integration hub. Every /api/** call "
                                + "needs 'Authorization: Bearer <token>'. Errors are RFC 9457 problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A Rollcall API token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
