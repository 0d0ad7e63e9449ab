package dev.rollcall.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Rollcall's server: {@code java -jar rollcall-server/target/rollcall.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RollcallApplication {

    public static void main(String[] args) {
        SpringApplication.run(RollcallApplication.class, args);
    }
}
