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
COPY --from=build /src/target/cohorte-*.jar /app/cohorte.jar
USER cohorte
EXPOSE 8080
# PostgreSQL (DB_URL, DB_USER, DB_PASSWORD), no demo data: the first administrator comes from COHORTE_ADMIN_PASSWORD.
# A demo needs SPRING_PROFILES_ACTIVE=postgres,demo (or demo alone for the embedded H2 database).
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75" SPRING_PROFILES_ACTIVE=postgres
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/cohorte.jar"]
