package dev.strongroom.metadata.extract;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A small PNG of a PDF's first page (PDFBox) or of an image (ImageIO), at most {@code maxEdge} pixels
 * on its longest side. Memory stays small whatever the source: PDF pages are rendered straight at
 * thumbnail scale with image subsampling on, and images are decoded subsampled. Time is bounded by
 * refusing images above {@code maxImagePixels} and by aborting the image decoder at the deadline.
 */
final class PreviewRenderer {

    private final int maxEdge;
    private final long maxImagePixels;

    PreviewRenderer(int maxEdge, long maxImagePixels) {
        this.maxEdge = maxEdge;
        this.maxImagePixels = maxImagePixels;
    }

    /** True for the types this renderer makes previews of. */
    static boolean supports(String mediaType) {
        return mediaType != null && (mediaType.equals("application/pdf") || mediaType.startsWith("image/"));
    }

    Optional<byte[]> render(Path file, String mediaType, long deadlineNanos) throws IOException {
        BufferedImage image;
        if ("application/pdf".equals(mediaType)) {
            image = firstPage(file);
        } else if (mediaType != null && mediaType.startsWith("image/")) {
            image = picture(file, deadlineNanos);
        } else {
            return Optional.empty();
        }
        if (image == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        // In memory: ImageIO.write to a plain stream would cache through a temporary file per preview.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(image, "png", out)) {
                return Optional.empty();
            }
        }
        return Optional.of(png.toByteArray());
    }

    private BufferedImage firstPage(Path file) throws IOException {
        // Temp-file stream cache: a PDF with huge streams spills to disk, not to the heap.
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (pdf.getNumberOfPages() == 0) {
                return null;
            }
            PDRectangle box = pdf.getPage(0).getCropBox();
            float longest = Math.max(box.getWidth(), box.getHeight());
            if (!(longest > 0)) {
                return null;
            }
            PDFRenderer renderer = new PDFRenderer(pdf);
            renderer.setSubsamplingAllowed(true);
            // One PDF unit is one pixel at scale 1, so this scale makes the longest side maxEdge pixels.
            return fit(renderer.renderImage(0, maxEdge / longest, ImageType.RGB));
        }
    }

    private BufferedImage picture(Path file, long deadlineNanos) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null; // e.g. WebP: no decoder in the JDK
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > maxImagePixels) {
                    return null;
                }
                // Decode at most about twice the preview size, then scale smoothly: bounded memory.
                int step = (int) Math.max(1, Math.max(width, height) / (2L * maxEdge));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                reader.addIIOReadProgressListener(new AbortAtDeadline(deadlineNanos));
                BufferedImage decoded = reader.read(0, param);
                return decoded == null ? null : fit(decoded);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Scales to fit maxEdge and flattens transparency onto white, in RGB. */
    private BufferedImage fit(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_RGB && Math.max(source.getWidth(), source.getHeight()) <= maxEdge) {
            return source; // a PDF page rendered at preview scale: opaque RGB already, nothing to redraw
        }
        double scale = Math.min(1.0, (double) maxEdge / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** ImageIO decoders report progress as they go; past the deadline this asks them to stop. */
    private record AbortAtDeadline(long deadlineNanos) implements IIOReadProgressListener {
        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (System.nanoTime() - deadlineNanos > 0) {
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
    }
}
