# Multi-stage: build the production jar (Vaadin's optimized front-end bundle), then run it on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
RUN mvn -B -q dependency:go-offline -Pproduction || true
COPY processes processes
COPY reports reports
COPY ui ui
COPY src src
RUN mvn -B -Pproduction -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 1001 cohorte
WORKDIR /app
COPY --from=build /src/target/cohorte-*.jar /tmp/cohorte.jar
# Start fast (README "Start fast"): the jar extracted to plain jars (cohorte.jar + lib/), and a class-data-sharing
# archive of the classes a start loads, made by a training run that stops once the context is refreshed (Flyway,
# Hibernate, the engine and Vaadin set up; no web server, no job executor) on a throw-away in-memory H2 database.
# The repositories are made during that refresh (bootstrap-mode=default): a real start makes them just after it
# (deferred, application.properties), which the training run would not reach, and their classes would be missing.
RUN java -Djarmode=tools -jar /tmp/cohorte.jar extract --destination /app --application-filename cohorte.jar \
 && rm /tmp/cohorte.jar \
 && java -XX:ArchiveClassesAtExit=/app/cohorte.jsa -Dspring.context.exit=onRefresh -jar /app/cohorte.jar \
      --spring.datasource.url=jdbc:h2:mem:cds-training --cohorte.demo.enabled=false --logging.level.root=warn \
      --spring.data.jpa.repositories.bootstrap-mode=default \
 && chown -R cohorte /app
USER cohorte
EXPOSE 8080
# PostgreSQL (DB_URL, DB_USER, DB_PASSWORD), no demo data: the first administrator comes from COHORTE_ADMIN_PASSWORD.
# A demo needs SPRING_PROFILES_ACTIVE=postgres,demo (or demo alone for the embedded H2 database).
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75" SPRING_PROFILES_ACTIVE=postgres
# -XX:SharedArchiveFile: the archive above; a JVM that cannot use it (another JDK build) starts without it.
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=/app/cohorte.jsa -Xshare:auto $JAVA_OPTS -jar /app/cohorte.jar"]
