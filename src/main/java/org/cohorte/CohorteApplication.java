package org.cohorte;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CohorteApplication {
    public static void main(String[] args) {
        SpringApplication.run(CohorteApplication.class, args);
    }
}
