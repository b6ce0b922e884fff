package org.cohorte.base.ui;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import org.cohorte.base.upload.TemporaryUpload;

/**
 * An upload that streams to a bounded temporary file instead of memory. The bytes actually received are
 * counted, for a multipart part and a raw body alike, whatever the request declared; past the limit the copy
 * stops, the file is deleted, the client gets 413 and {@link Refusal} is told. Otherwise {@link Receiver} gets
 * the file, on the request thread and without the UI lock (the work may take seconds: the UI stays live), and
 * the file is deleted as soon as it returns or throws.
 */
public final class BoundedUploadHandler implements UploadHandler {

    /** Reads the uploaded file; it is deleted when this returns. Runs on the request thread: use UI.access for the UI. */
    @FunctionalInterface
    public interface Receiver extends Serializable {
        void received(UploadMetadata metadata, Path file);
    }

    /** The file went over the limit and was not kept. Runs on the request thread: use UI.access for the UI. */
    @FunctionalInterface
    public interface Refusal extends Serializable {
        void refused(UploadMetadata metadata, long limit);
    }

    private static final String REFUSED = BoundedUploadHandler.class.getName() + ".refused";

    private final long maxBytes;
    private final Receiver receiver;
    private final Refusal refusal;

    public BoundedUploadHandler(long maxBytes, Receiver receiver, Refusal refusal) {
        this.maxBytes = maxBytes;
        this.receiver = receiver;
        this.refusal = refusal;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        UploadMetadata metadata = new UploadMetadata(event.getFileName(), event.getContentType(), event.getFileSize());
        // A declared size over the limit is refused before reading a byte; a smaller or absent one proves nothing.
        if (event.getFileSize() > maxBytes) {
            refuse(event, metadata);
            return;
        }
        TemporaryUpload upload;
        try {
            upload = TemporaryUpload.receive(event.getInputStream(), maxBytes);
        } catch (TemporaryUpload.TooLargeException e) {
            refuse(event, metadata);
            return;
        }
        try (upload) {
            receiver.received(new UploadMetadata(metadata.fileName(), metadata.contentType(), upload.size()), upload.path());
        }
    }

    private void refuse(UploadEvent event, UploadMetadata metadata) {
        event.getRequest().setAttribute(REFUSED, Boolean.TRUE);
        refusal.refused(metadata, maxBytes);
    }

    @Override
    public void handleRequest(VaadinRequest request, VaadinResponse response, VaadinSession session, Element owner)
            throws IOException {
        UploadHandler.super.handleRequest(request, response, session, owner);
        if (Boolean.TRUE.equals(request.getAttribute(REFUSED))) {
            // Not a green tick in the upload component: the client marks the file as failed.
            response.setStatus(HttpStatusCode.REQUEST_ENTITY_TOO_LARGE.getCode());
        }
    }

    /** Checked again by the multipart parser of this handler's fallback path (requests the container did not parse). */
    @Override
    public long getFileSizeMax() {
        return maxBytes;
    }

    @Override
    public long getFileCountMax() {
        return 1;
    }
}
