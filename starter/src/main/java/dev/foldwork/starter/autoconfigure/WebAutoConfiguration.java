package dev.foldwork.starter.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldwork.starter.http.BodyReadFilter;
import dev.foldwork.starter.http.CommandController;
import dev.foldwork.starter.http.OpsPage;
import dev.foldwork.starter.http.QueryController;
import dev.foldwork.starter.http.admin.AggregateController;
import dev.foldwork.starter.http.admin.OverviewController;
import dev.foldwork.starter.http.admin.QueueAdminController;
import dev.foldwork.starter.http.admin.QueuePauseController;
import dev.foldwork.starter.http.admin.RebuildController;
import dev.foldwork.starter.problem.ApiExceptionHandler;
import dev.foldwork.starter.problem.ProblemErrorController;
import dev.foldwork.starter.problem.Problems;
import dev.foldwork.starter.problem.RefusalAnswer;
import dev.foldwork.starter.problem.TomcatProblemCustomizer;
import dev.foldwork.starter.security.ApiKeyFilter;
import dev.foldwork.starter.security.ApiKeys;
import dev.foldwork.starter.settings.FoldworkProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The HTTP side: the command, query and operator APIs, the operations console, problem+json
 * errors everywhere and the two filters in front of them (bodies read first, then the API key).
 * Before Spring MVC's own auto-configurations, whose error controller and problem-details handler
 * step aside for these.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({CommandController.class, QueryController.class, OpsPage.class,
        AggregateController.class, OverviewController.class, QueueAdminController.class, QueuePauseController.class,
        RebuildController.class, ApiExceptionHandler.class, ProblemErrorController.class})
public class WebAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WebAutoConfiguration.class);

    /** Tomcat's own error pages, before any servlet runs, answer problem+json too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    @Import(TomcatProblemCustomizer.class)
    static class Tomcat {}

    @Bean
    @ConditionalOnMissingBean
    ApiKeys apiKeys(FoldworkProperties properties) {
        ApiKeys keys = new ApiKeys(properties.apiKeys(), properties.adminKeys());
        if (!keys.hasTenantKeys()) {
            log.warn("no foldwork.api-keys configured: every tenant request will be refused with 401");
        }
        return keys;
    }

    @Bean
    @ConditionalOnMissingBean
    Problems problems(ObjectMapper mapper, ObjectProvider<RefusalAnswer> refusalAnswers) {
        return new Problems(mapper, refusalAnswers.orderedStream().toList());
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, Problems problems) {
        // Every path: the filter itself decides which few are public (deny by default).
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /** Reads bodies before the key check, so a refused request's body never ties up a thread either. */
    @Bean
    FilterRegistrationBean<BodyReadFilter> bodyReadFilter(FoldworkProperties properties, Problems problems) {
        FilterRegistrationBean<BodyReadFilter> registration = new FilterRegistrationBean<>(
                new BodyReadFilter(properties.maxBodyBytes(), properties.bodyReadTimeout(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }
}
