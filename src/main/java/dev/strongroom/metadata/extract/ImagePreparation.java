package dev.strongroom.metadata.extract;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Prepares a photo or scan for Tesseract, as OCRmyPDF and Paperless-ngx do before OCR (oversampling,
 * deskew, cleaning), with the JDK's imaging:
 * <ol>
 * <li>grey, with its contrast stretched between the darkest and lightest percent of pixels (a phone
 * photo's grey paper and dark-grey ink become white and black);</li>
 * <li>scaled so that its text is the size Tesseract reads best: glyphs of about {@value #TARGET_GLYPH}
 * pixels (9 pt at 300 dpi; Tesseract's accuracy drops below about 8 pt, and larger costs time), measured as the median height of the
 * glyphs (the ink's connected components shaped like characters). Small text on a phone photo is enlarged up to {@value #MAX_SCALE} times,
 * huge text is reduced;</li>
 * <li>deskewed: the angle between −{@value #MAX_SKEW}° and +{@value #MAX_SKEW}° whose horizontal
 * projection of the ink has the sharpest rows (text lines), then rotated back.</li>
 * </ol>
 * Binarisation is left to Tesseract, on the stretched crop; orientation (90°, 180°, 270°) to Tesseract's
 * orientation detection ({@link OcrRunner}). Every step keeps the transform back to the original image,
 * so a word's region is given in the pixels of the document as stored.
 */
final class ImagePreparation {

    static final int TARGET_GLYPH = 26;
    static final double MAX_SCALE = 4;
    static final double MAX_SKEW = 8;
    /** Smaller changes are not worth resampling the image for. */
    private static final double MIN_SCALE_CHANGE = 0.15;
    private static final double MIN_SKEW = 0.3;
    private static final int ANALYSIS_EDGE = 2000;

    /** The prepared image, and the transform from its pixels to the original's. */
    record Prepared(BufferedImage image, AffineTransform toOriginal, double scale, double skewDegrees, int glyphHeight) {

        /** A box {@code [left, top, right, bottom]} in the prepared image, as a box in the original. */
        int[] mapBack(int[] box) {
            double[] corners = { box[0], box[1], box[2], box[1], box[0], box[3], box[2], box[3] };
            double[] out = new double[8];
            toOriginal.transform(corners, 0, out, 0, 4);
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int i = 0; i < 8; i += 2) {
                minX = Math.min(minX, out[i]);
                maxX = Math.max(maxX, out[i]);
                minY = Math.min(minY, out[i + 1]);
                maxY = Math.max(maxY, out[i + 1]);
            }
            return new int[] { (int) Math.round(minX), (int) Math.round(minY), (int) Math.round(maxX),
                (int) Math.round(maxY) };
        }

        /** The same preparation followed by a turn of {@code quarterTurns} × 90° clockwise. */
        Prepared rotated(int quarterTurns) {
            int turns = ((quarterTurns % 4) + 4) % 4;
            if (turns == 0) {
                return this;
            }
            int w = image.getWidth();
            int h = image.getHeight();
            AffineTransform turn = new AffineTransform();
            turn.quadrantRotate(turns);
            switch (turns) {
                case 1 -> turn.preConcatenate(AffineTransform.getTranslateInstance(h, 0));
                case 2 -> turn.preConcatenate(AffineTransform.getTranslateInstance(w, h));
                default -> turn.preConcatenate(AffineTransform.getTranslateInstance(0, w));
            }
            boolean sideways = turns % 2 == 1;
            BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = out.createGraphics();
            try {
                g.drawImage(image, turn, null);
            } finally {
                g.dispose();
            }
            AffineTransform back = new AffineTransform(toOriginal);
            try {
                back.concatenate(turn.createInverse());
            } catch (NoninvertibleTransformException impossible) {
                throw new IllegalStateException(impossible);
            }
            return new Prepared(out, back, scale, skewDegrees, glyphHeight);
        }
    }

    private final long maxPixels;

    ImagePreparation(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    Prepared prepare(BufferedImage original) {
        BufferedImage grey = grey(original);
        Text text = findText(grey);
        int glyph = text == null ? 0 : text.glyphHeight;
        // The text's box, with a margin: a photo's desk and shadows are no help to Tesseract, and cost time.
        java.awt.Rectangle crop = text == null ? new java.awt.Rectangle(0, 0, grey.getWidth(), grey.getHeight())
                : text.box.intersection(new java.awt.Rectangle(0, 0, grey.getWidth(), grey.getHeight()));
        BufferedImage region = stretched(copy(grey, crop));
        double scale = glyph <= 0 ? 1 : TARGET_GLYPH / (double) glyph;
        scale = Math.max(0.5, Math.min(MAX_SCALE, scale));
        double pixels = (double) region.getWidth() * region.getHeight();
        if (pixels * scale * scale > maxPixels) {
            scale = Math.max(0.25, Math.sqrt(maxPixels / pixels));
        }
        if (Math.abs(scale - 1) < MIN_SCALE_CHANGE) {
            scale = 1;
        }
        double skew = text == null ? 0 : text.skew;
        if (Math.abs(skew) < MIN_SKEW) {
            skew = 0;
        }
        AffineTransform cropBack = AffineTransform.getTranslateInstance(crop.x, crop.y);
        if (scale == 1 && skew == 0) {
            return new Prepared(region, cropBack, 1, 0, glyph);
        }
        // Rotated about its centre, then scaled; a rotated page grows a little, so the canvas does too.
        double radians = Math.toRadians(skew);
        double cos = Math.abs(Math.cos(radians));
        double sin = Math.abs(Math.sin(radians));
        int rw = (int) Math.ceil(region.getWidth() * cos + region.getHeight() * sin);
        int rh = (int) Math.ceil(region.getWidth() * sin + region.getHeight() * cos);
        AffineTransform forward = new AffineTransform();
        forward.scale(scale, scale);
        forward.translate((rw - region.getWidth()) / 2.0, (rh - region.getHeight()) / 2.0);
        forward.rotate(radians, region.getWidth() / 2.0, region.getHeight() / 2.0);
        int w = (int) Math.round(rw * scale);
        int h = (int) Math.round(rh * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(region, forward, null);
        } finally {
            g.dispose();
        }
        try {
            AffineTransform back = new AffineTransform(cropBack);
            back.concatenate(forward.createInverse());
            return new Prepared(out, back, scale, skew, glyph);
        } catch (NoninvertibleTransformException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static BufferedImage copy(BufferedImage grey, java.awt.Rectangle r) {
        if (r.x == 0 && r.y == 0 && r.width == grey.getWidth() && r.height == grey.getHeight()) {
            return grey;
        }
        BufferedImage out = new BufferedImage(r.width, r.height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(grey, -r.x, -r.y, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Where the text is, how tall its glyphs are and how it is skewed, in the original's pixels. */
    private record Text(java.awt.Rectangle box, int glyphHeight, double skew) {
    }

    /**
     * Finds the glyphs: ink is a pixel clearly darker than its neighbourhood (Bradley's adaptive threshold
     * over an integral image, so a dark desk around the paper is not ink), glyphs are the ink's connected
     * components shaped like characters. Their median height is the text size, their box the text's
     * place, and their pixels' projection profile the skew. Large images are analysed at a reduced size.
     */
    private static Text findText(BufferedImage grey) {
        double factor = Math.min(1, ANALYSIS_EDGE / (double) Math.max(grey.getWidth(), grey.getHeight()));
        BufferedImage small = factor < 1 ? resized(grey, factor) : grey;
        int w = small.getWidth();
        int h = small.getHeight();
        byte[] px = ((java.awt.image.DataBufferByte) small.getRaster().getDataBuffer()).getData();
        boolean[] ink = inkMask(px, w, h);
        Components c = components(ink, w, h);
        if (c.count < 10) {
            return null;
        }
        int[] heights = new int[c.count];
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int i = 0; i < c.count; i++) {
            heights[i] = c.bottom[i] - c.top[i] + 1;
            minX = Math.min(minX, c.left[i]);
            minY = Math.min(minY, c.top[i]);
            maxX = Math.max(maxX, c.right[i]);
            maxY = Math.max(maxY, c.bottom[i]);
        }
        int[] sorted = Arrays.copyOf(heights, c.count);
        Arrays.sort(sorted);
        int median = sorted[c.count / 2];
        double skew = skewDegrees(c.xs, c.ys, c.points, h);
        int margin = 2 * median;
        java.awt.Rectangle box = new java.awt.Rectangle((int) ((minX - margin) / factor), (int) ((minY - margin) / factor),
                (int) ((maxX - minX + 2 * margin) / factor) + 1, (int) ((maxY - minY + 2 * margin) / factor) + 1);
        return new Text(box, (int) Math.round(median / factor), skew);
    }

    private static BufferedImage resized(BufferedImage grey, double factor) {
        int w = Math.max(1, (int) Math.round(grey.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(grey.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(grey, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Bradley–Roth: darker than {@value #INK_DARKER} of the mean of its square neighbourhood. */
    static boolean[] inkMask(byte[] px, int w, int h) {
        long[] integral = new long[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            long row = 0;
            for (int x = 0; x < w; x++) {
                row += px[y * w + x] & 0xff;
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
            }
        }
        int half = Math.max(7, Math.max(w, h) / 60);
        boolean[] ink = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - half);
            int y1 = Math.min(h, y + half + 1);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - half);
                int x1 = Math.min(w, x + half + 1);
                long sum = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0]
                        + integral[y0 * (w + 1) + x0];
                long area = (long) (x1 - x0) * (y1 - y0);
                ink[y * w + x] = (px[y * w + x] & 0xff) * area * 100 < sum * (100 - INK_DARKER);
            }
        }
        return ink;
    }

    private static final int INK_DARKER = 20;

    /** Glyph-like connected components of the ink, with their boxes and pixels. */
    private static final class Components {
        int count;
        int[] top;
        int[] bottom;
        int[] left;
        int[] right;
        int[] xs;
        int[] ys;
        int points;
    }

    private static Components components(boolean[] ink, int w, int h) {
        int[] labels = new int[w * h];
        int[] parent = new int[1024];
        int next = 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!ink[i]) {
                    continue;
                }
                int left = x > 0 ? labels[i - 1] : 0;
                int up = y > 0 ? labels[i - w] : 0;
                if (left == 0 && up == 0) {
                    if (next >= parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    labels[i] = next++;
                } else if (left != 0 && up != 0) {
                    int a = find(parent, left);
                    int b = find(parent, up);
                    labels[i] = Math.min(a, b);
                    parent[Math.max(a, b)] = Math.min(a, b);
                } else {
                    labels[i] = left != 0 ? left : up;
                }
            }
        }
        int[] top = new int[next];
        int[] bottom = new int[next];
        int[] leftmost = new int[next];
        int[] rightmost = new int[next];
        int[] size = new int[next];
        Arrays.fill(top, Integer.MAX_VALUE);
        Arrays.fill(leftmost, Integer.MAX_VALUE);
        Arrays.fill(bottom, -1);
        Arrays.fill(rightmost, -1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = labels[y * w + x];
                if (l == 0) {
                    continue;
                }
                int root = find(parent, l);
                labels[y * w + x] = root;
                top[root] = Math.min(top[root], y);
                bottom[root] = Math.max(bottom[root], y);
                leftmost[root] = Math.min(leftmost[root], x);
                rightmost[root] = Math.max(rightmost[root], x);
                size[root]++;
            }
        }
        boolean[] glyph = new boolean[next];
        Components c = new Components();
        c.top = new int[next];
        c.bottom = new int[next];
        c.left = new int[next];
        c.right = new int[next];
        int points = 0;
        for (int l = 1; l < next; l++) {
            if (bottom[l] < 0) {
                continue;
            }
            int ch = bottom[l] - top[l] + 1;
            int cw = rightmost[l] - leftmost[l] + 1;
            // A character: not a speck, not a rule, a frame or the paper's edge.
            if (ch >= 4 && ch <= h / 8 && cw <= 3 * ch && cw * 8 >= ch && size[l] * 10 >= ch * cw) {
                glyph[l] = true;
                c.top[c.count] = top[l];
                c.bottom[c.count] = bottom[l];
                c.left[c.count] = leftmost[l];
                c.right[c.count] = rightmost[l];
                c.count++;
                points += size[l];
            }
        }
        c.xs = new int[points];
        c.ys = new int[points];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = labels[y * w + x];
                if (l != 0 && glyph[l]) {
                    c.xs[c.points] = x;
                    c.ys[c.points] = y;
                    c.points++;
                }
            }
        }
        return c;
    }

    static BufferedImage grey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /** Maps the 1st percentile of grey to black and the 99th to white. */
    static BufferedImage stretched(BufferedImage grey) {
        byte[] px = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int[] histogram = new int[256];
        for (byte b : px) {
            histogram[b & 0xff]++;
        }
        int low = percentile(histogram, px.length, 0.01);
        int high = percentile(histogram, px.length, 0.99);
        if (high - low < 32 || (low < 8 && high > 247)) {
            return grey;
        }
        byte[] lut = new byte[256];
        for (int i = 0; i < 256; i++) {
            int v = (int) Math.round((i - low) * 255.0 / (high - low));
            lut[i] = (byte) Math.max(0, Math.min(255, v));
        }
        BufferedImage out = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            dst[i] = lut[px[i] & 0xff];
        }
        return out;
    }

    private static int percentile(int[] histogram, int total, double p) {
        long target = (long) (total * p);
        long seen = 0;
        for (int i = 0; i < 256; i++) {
            seen += histogram[i];
            if (seen > target) {
                return i;
            }
        }
        return 255;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * The rotation in degrees (clockwise on screen, as {@link AffineTransform#rotate(double)} turns) that
     * makes the text lines horizontal, by projection profiles: the glyphs' pixels are projected onto the
     * vertical axis as rotated by each candidate angle, and the angle whose rows are sharpest (largest sum
     * of squares) wins. Steps of half a degree, then tenths around the best.
     */
    static double skewDegrees(int[] xs, int[] ys, int count, int height) {
        if (count < 200) {
            return 0;
        }
        double best = 0;
        double bestScore = score(xs, ys, count, 0, height);
        for (double a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.5) {
            double s = score(xs, ys, count, a, height);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        double coarse = best;
        for (double a = coarse - 0.4; a <= coarse + 0.4 + 1e-9; a += 0.1) {
            double s = score(xs, ys, count, a, height);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return Math.round(best * 10) / 10.0;
    }

    private static double score(int[] xs, int[] ys, int count, double degrees, int height) {
        double t = Math.tan(Math.toRadians(degrees));
        int offset = (int) Math.ceil(Math.abs(t) * 4096) + 2;
        int[] rows = new int[height + 2 * offset + 8192];
        int base = offset + 4096;
        for (int i = 0; i < count; i++) {
            int row = (int) Math.round(ys[i] + xs[i] * t) + base;
            if (row >= 0 && row < rows.length) {
                rows[row]++;
            }
        }
        double score = 0;
        for (int r : rows) {
            score += (double) r * r;
        }
        return score;
    }
}
