package dev.strongroom.metadata.extract;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on until a limit, then throws {@link Full}: spooling an endless stream stays bounded. */
final class LimitedOutput extends FilterOutputStream {

    private final long limit;
    private long written;

    LimitedOutput(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        if (written + 1 > limit) {
            throw new Full(written);
        }
        out.write(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (written + len > limit) {
            throw new Full(written);
        }
        out.write(b, off, len);
        written += len;
    }

    static final class Full extends IOException {
        final long written;

        Full(long written) {
            super("more than " + written + " bytes");
            this.written = written;
        }
    }
}
