package dev.strongroom.web;

/** Numbers for "Showing 26–50 of 120" and the previous/next links; pages count from 0 in links. */
public record Paging(int page, int size, long total, int shown) {

    public long first() {
        return shown == 0 ? 0 : (long) page * size + 1;
    }

    public long last() {
        return (long) page * size + shown;
    }

    public long pageCount() {
        return Math.max(1, (total + size - 1) / size);
    }

    public int humanPage() {
        return page + 1;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }
}
