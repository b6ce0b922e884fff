package org.cohorte.base.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded body copied to a temporary file of its own, never more than a given number of bytes: the bytes are
 * counted as they arrive, whatever the request declared, and the copy stops at the first byte over the limit.
 * Closing deletes the file; a refused or failed copy leaves no file behind.
 */
public final class TemporaryUpload implements AutoCloseable {

    /** Where uploads wait while they are read: one folder, so that a test (or an operator) can see none is left. */
    public static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "cohorte-uploads");

    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private final long size;

    private TemporaryUpload(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    /** The body went past the limit: nothing was kept. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        public TooLargeException(long limit) {
            super("Upload larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * Copies the stream to a new temporary file, reading at most {@code maxBytes + 1} bytes: one more means too
     * large. Does not close the stream (the container owns a request's body).
     */
    public static TemporaryUpload receive(InputStream input, long maxBytes) throws IOException {
        Files.createDirectories(DIRECTORY);
        // Owner-only permissions on POSIX: an upload is nobody else's business on this machine.
        Path path = Files.createTempFile(DIRECTORY, "upload-", ".part");
        boolean kept = false;
        try {
            long total = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(path)) {
                int n;
                while ((n = input.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total))) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            kept = true;
            return new TemporaryUpload(path, total);
        } finally {
            if (!kept) {
                Files.deleteIfExists(path);
            }
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
