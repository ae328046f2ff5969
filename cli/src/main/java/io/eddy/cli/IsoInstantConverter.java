package io.eddy.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an ISO-8601 point in time: {@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00+02:00}, or, taken as UTC,
 * {@code 2024-05-01T12:00:00} and {@code 2024-05-01} (midnight).
 */
final class IsoInstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw new TypeConversionException("'" + value + "' is not an ISO-8601 time such as"
                                + " 2024-05-01T12:00:00Z");
                    }
                }
            }
        }
    }
}
