package org.cohorte.base.text;

import java.util.Comparator;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.cohorte.base.error.CohorteException;

/**
 * Free text checked by Bean Validation instead of hand-written length checks. A feature declares its texts as
 * annotated fields of one rules class ({@code @NotNull} for required, {@code @Size(max)} for its column), each
 * message a bundle key in braces ({@code "{performance.error.tooLong}"}, French and English). The text is cleaned
 * ({@link PlainText}, stripped; empty counts as absent) and held against that field's constraints; a violation
 * becomes the {@link CohorteException} of its key, with the constraint's {@code max} as argument, so it reaches
 * the person like every other refusal, in their language.
 */
public final class FreeText {

    // Stateless and thread-safe; built once from META-INF/validation.xml (Cohorte's message interpolator).
    private static final Validator VALIDATOR;

    static {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            VALIDATOR = factory.getValidator();
        }
    }

    private FreeText() {
    }

    /** The cleaned text, or null when it is empty and allowed to be; refused as the rules' field says. */
    public static String check(Class<?> rules, String field, String value) {
        String clean = value == null ? "" : PlainText.clean(value).strip();
        String checked = clean.isEmpty() ? null : clean;
        Set<? extends ConstraintViolation<?>> violations = VALIDATOR.validateValue(rules, field, checked);
        if (violations.isEmpty()) {
            return checked;
        }
        // A missing text and a too long one cannot both apply; sorting only keeps the choice stable.
        ConstraintViolation<?> first = violations.stream()
                .min(Comparator.comparing(ConstraintViolation::getMessageTemplate)).orElseThrow();
        String template = first.getMessageTemplate();
        String key = template.startsWith("{") && template.endsWith("}") ? template.substring(1, template.length() - 1)
                : template;
        Object max = first.getConstraintDescriptor().getAttributes().get("max");
        throw max == null ? new CohorteException(key) : new CohorteException(key, max);
    }
}
