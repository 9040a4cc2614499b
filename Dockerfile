# The Foldwork service as one image; docker-compose.yml runs it as web and worker.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY core core
COPY clickhouse clickhouse
COPY redis redis
COPY activities activities
COPY workflows workflows
COPY pipelines pipelines
COPY parity parity
COPY starter starter
COPY service service
COPY bench bench
RUN mvn -B -ntp -pl service -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 foldwork
WORKDIR /app
COPY --from=build /src/service/target/foldwork-service-*.jar /app/foldwork.jar
USER foldwork
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/foldwork.jar"]
