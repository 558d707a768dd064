package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Step;
import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.template.GoTemplate;
import dev.orun.plan.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a step's {@code run}, {@code use}, {@code shell}, {@code working-directory} and the
 * top-level string values of {@code with} and {@code env} with the Go-template engine. Run-time
 * expressions {@code ${{ … }}} are hidden from the engine and restored untouched. Parsed
 * templates are cached by their text, so each distinct text is parsed once per compile.
 */
final class StepRenderer {

    private static final Pattern RUNTIME_EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}", Pattern.DOTALL);
    private static final char MASK_START = '\u0001';
    private static final char MASK_END = '\u0002';

    private final Map<String, GoTemplate> cache = new ConcurrentHashMap<>();

    /** Renders one step; {@code where} names the component and job for error messages. */
    Step render(StepDef def, int position, Map<String, Object> data, String component, String jobId) {
        String id = def.key() != null ? def.key() : "step-" + position;
        Context context = new Context(def, id, component, jobId, data);
        Map<String, Object> with = new LinkedHashMap<>();
        def.with().forEach((k, v) -> with.put(k, v instanceof String s ? context.render("with." + k, s) : v));
        Map<String, String> env = new LinkedHashMap<>();
        def.env().forEach((k, v) -> env.put(k, context.render("env." + k, v)));
        return new Step(id, def.name(), def.phase(), def.order(), context.render("run", def.run()),
                context.render("use", def.use()), with, env, context.render("shell", def.shell()),
                context.render("working-directory", def.workingDirectory()), def.timeout(), def.retry(),
                def.onFailure(), def.capability());
    }

    private final class Context {
        private final StepDef def;
        private final String id;
        private final String component;
        private final String jobId;
        private final Map<String, Object> data;

        Context(StepDef def, String id, String component, String jobId, Map<String, Object> data) {
            this.def = def;
            this.id = id;
            this.component = component;
            this.jobId = jobId;
            this.data = data;
        }

        String render(String field, String text) {
            if (text == null || !text.contains("{{")) {
                return text;
            }
            List<String> hidden = new ArrayList<>();
            String masked = mask(text, hidden);
            if (!masked.contains("{{")) {
                return text;
            }
            try {
                GoTemplate template = cache.computeIfAbsent(masked, GoTemplate::parse);
                return unmask(template.render(data), hidden);
            } catch (TemplateException e) {
                throw InvalidInputException.at(def.file(), def.line(), "component " + component + ", job "
                        + jobId + ", step " + id + ": " + field + ": " + e.getMessage());
            }
        }
    }

    private static String mask(String text, List<String> hidden) {
        Matcher matcher = RUNTIME_EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            hidden.add(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(MASK_START + String.valueOf(hidden.size() - 1) + MASK_END));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String unmask(String text, List<String> hidden) {
        if (hidden.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == MASK_START ? text.indexOf(MASK_END, i) : -1;
            if (end > i) {
                out.append(hidden.get(Integer.parseInt(text.substring(i + 1, end))));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
