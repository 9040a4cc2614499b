package dev.foldwork.starter.problem;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorReportValve} where Tomcat's HTML error page would be. Runs after Spring
 * Boot's own customizer, which adds a plain {@link ErrorReportValve} to the host.
 */
@Component
public class TomcatProblemCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Pipeline hostPipeline = context.getParent().getPipeline();
            for (Valve valve : hostPipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    hostPipeline.removeValve(valve);
                }
            }
            ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
