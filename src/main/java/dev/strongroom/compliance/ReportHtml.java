package dev.strongroom.compliance;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/**
 * The report as one self-contained HTML file (styles inline, no scripts, no external assets), laid
 * out to print on A4 as well as to read on screen.
 */
final class ReportHtml {

    /** Inline styles only; nothing else may load. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private ReportHtml() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(ComplianceReport report);
    }

    static String render(ComplianceReport report) {
        return Templates.report(report).render();
    }

    /** Evidence values in the template: lists joined with "; ", null as empty. */
    @TemplateExtension(namespace = "evidence")
    static String text(Object value) {
        return ReportCsv.text(value);
    }
}
