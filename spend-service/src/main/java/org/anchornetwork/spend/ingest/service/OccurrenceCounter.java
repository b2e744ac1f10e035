package org.anchornetwork.spend.ingest.service;

/**
 * Counts occurrences of 64-bit keys in an open-addressing table: a million rows cost about 24 MB, where a
 * {@code HashMap<Long, Integer>} would cost several times that.
 */
final class OccurrenceCounter {

    private long[] keys = new long[1 << 12];
    private int[] counts = new int[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    /** Adds one occurrence of {@code key} and returns how many there now are (1 for the first). */
    int increment(long key) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int slot = slotOf(key, keys.length);
        while (used[slot]) {
            if (keys[slot] == key) {
                return ++counts[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        used[slot] = true;
        keys[slot] = key;
        counts[slot] = 1;
        size++;
        return 1;
    }

    private static int slotOf(long key, int capacity) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & (capacity - 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = slotOf(oldKeys[i], keys.length);
                while (used[slot]) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                used[slot] = true;
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
