package org.anchornetwork.common.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a collection. Pass {@code nextCursor} back as {@code cursor} to read the next page; it is null on
 * the last page.
 */
public record CursorPage<T>(
        @Schema(description = "Items of this page, in a stable order") List<T> items,
        @Schema(description = "Opaque cursor of the next page; null when this is the last page") String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows read in cursor order: the extra row only says that
     * another page exists.
     */
    public static <T> CursorPage<T> of(List<T> rowsReadWithOneExtra, int limit, java.util.function.Function<T, String> cursorOf) {
        if (rowsReadWithOneExtra.size() <= limit) {
            return new CursorPage<>(List.copyOf(rowsReadWithOneExtra), null);
        }
        List<T> page = List.copyOf(rowsReadWithOneExtra.subList(0, limit));
        return new CursorPage<>(page, Cursors.encode(cursorOf.apply(page.get(page.size() - 1))));
    }
}
