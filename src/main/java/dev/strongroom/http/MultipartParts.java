package dev.strongroom.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Commons FileUpload's streaming API over a request body the resource reads itself: each part is
 * read as it arrives, nothing is written to disk. The list-building API is never used.
 */
public final class MultipartParts extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {

    public MultipartParts() {
        setHeaderCharset(StandardCharsets.UTF_8);
    }

    /** The parts of {@code body}, a multipart request of this content type and length (-1: unknown). */
    public FileItemInputIterator parts(InputStream body, String contentType, long contentLength)
            throws FileUploadException, IOException {
        return getItemIterator(new Context(body, contentType, contentLength));
    }

    @Override
    public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) throws FileUploadException {
        return super.parseParameterMap(request);
    }

    @Override
    public List<DiskFileItem> parseRequest(RequestContext request) throws FileUploadException {
        return super.parseRequest(request);
    }

    private record Context(InputStream body, String contentType, long contentLength) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
