package dev.rollcall.server.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard (the {@code rollcall-ui} jar's {@code static/}) at {@code /}.
 *
 * <ul>
 *   <li>{@code /assets/**}: Vite's content-hashed files, cached for a year as immutable.
 *   <li>Any other GET for a file that exists: that file, revalidated on every use.
 *   <li>A page path of the single-page app ({@code /integrations/42/history}): {@code index.html},
 *       so a deep link or a reload opens the right page. A page path has no dot in its last segment
 *       and lies outside {@link #NOT_PAGES}.
 *   <li>Everything else that no controller handles ({@code /api/…}, {@code /actuator/…}, {@code
 *       /v3/…}, {@code /swagger-ui…}, {@code /webhooks/…}, a missing {@code .js}) stays a 404, which
 *       {@link ProblemHandler} answers as problem+json.
 * </ul>
 *
 * <p>Registered before Spring Boot's own static-resource configuration, which then leaves {@code
 * /**} to this one. Controllers and the actuator are matched before any resource handler, so they
 * are unaffected.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DashboardResources implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/static/";
    static final String INDEX = "index.html";

    /** First path segments that belong to the server, never to the dashboard. */
    static final Set<String> NOT_PAGES = Set.of("api", "actuator", "v3", "webhooks", "swagger-ui", "swagger-ui.html");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new PageFallbackResolver());
    }

    /** True when {@code path} (relative, without the leading slash) is a page of the dashboard. */
    static boolean isPagePath(String path) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (NOT_PAGES.contains(first) || first.startsWith("swagger-ui")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** The file when it exists, else {@code index.html} for a page path, else nothing (a 404). */
    static final class PageFallbackResolver extends PathResourceResolver {
        @Override
        protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource found = super.getResource(resourcePath, location);
            if (found != null || !isPagePath(resourcePath)) {
                return found;
            }
            return super.getResource(INDEX, location);
        }
    }
}
