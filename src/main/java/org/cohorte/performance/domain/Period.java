package org.cohorte.performance.domain;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A review period: a calendar quarter, written "2026-Q1". */
public record Period(int year, int quarter) implements Comparable<Period> {

    private static final Pattern LABEL = Pattern.compile("(\\d{4})-Q([1-4])");

    public Period {
        if (quarter < 1 || quarter > 4 || year < 1900 || year > 2999) {
            throw new IllegalArgumentException("Invalid period " + year + "-Q" + quarter);
        }
    }

    /** The period, or null when the text is not of the form 2026-Q1. */
    public static Period parse(String label) {
        Matcher matcher = LABEL.matcher(label == null ? "" : label.trim().toUpperCase(java.util.Locale.ROOT));
        return matcher.matches() ? new Period(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))) : null;
    }

    public static Period containing(LocalDate date) {
        return new Period(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    /** The quarter that ended most recently before this date. */
    public static Period lastEndedBefore(LocalDate date) {
        return containing(date).previous();
    }

    public Period previous() {
        return quarter == 1 ? new Period(year - 1, 4) : new Period(year, quarter - 1);
    }

    public Period next() {
        return quarter == 4 ? new Period(year + 1, 1) : new Period(year, quarter + 1);
    }

    public LocalDate start() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    public LocalDate end() {
        return start().plusMonths(3).minusDays(1);
    }

    public String label() {
        return year + "-Q" + quarter;
    }

    @Override
    public String toString() {
        return label();
    }

    @Override
    public int compareTo(Period other) {
        return year != other.year ? Integer.compare(year, other.year) : Integer.compare(quarter, other.quarter);
    }
}
