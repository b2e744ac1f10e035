package org.anchornetwork.common.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Reads UTF-8 (with or without a byte order mark), taking any byte that is not part of a valid UTF-8 sequence as
 * Windows-1252: how a CSV file is read when its sender names no charset. Councils publish both: Darlington's 2017
 * spend file and Newcastle's are Windows-1252 ("£" is byte A3), later files UTF-8; some exports mix them, and
 * spreadsheets save "CSV" as Windows-1252 in the UK. Decoding byte by byte means the file is never held in memory and
 * no guess has to be made from its first kilobytes. The five bytes Windows-1252 leaves undefined become the C1
 * control characters of the same number, as the WHATWG encoding does.
 */
final class Utf8OrWindows1252Reader extends Reader {

    /** Windows-1252 bytes 0x80 to 0x9F; the five undefined ones map to the C1 controls, as the WHATWG encoding does. */
    private static final char[] HIGH_CONTROLS = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160',
        '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022',
        '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178' };

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean started;
    private char pendingLowSurrogate;
    private long utf8Sequences;
    private long windows1252Bytes;
    private boolean byteOrderMark;

    Utf8OrWindows1252Reader(InputStream in) {
        this.in = in;
    }

    /** What the input turned out to be, so far. */
    String encodingFound() {
        String bom = byteOrderMark ? " with BOM" : "";
        if (windows1252Bytes == 0) {
            return "UTF-8" + bom;
        }
        return utf8Sequences == 0 ? "windows-1252" : "UTF-8 and windows-1252 mixed" + bom;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int produced = 0;
        while (produced < length) {
            if (pendingLowSurrogate != 0) {
                target[offset + produced++] = pendingLowSurrogate;
                pendingLowSurrogate = 0;
                continue;
            }
            if (limit - position < 4 && !endOfInput) {
                if (produced > 0 && limit - position > 0 && (buffer[position] & 0x80) == 0) {
                    // ASCII needs no look-ahead: hand over what we have rather than wait for more input
                } else {
                    fill();
                }
            }
            if (position >= limit) {
                break;
            }
            if (!started) {
                started = true;
                if (limit - position >= 3 && (buffer[position] & 0xff) == 0xEF && (buffer[position + 1] & 0xff) == 0xBB
                        && (buffer[position + 2] & 0xff) == 0xBF) {
                    position += 3;
                    byteOrderMark = true;
                    continue;
                }
            }
            int lead = buffer[position] & 0xff;
            if (lead < 0x80) {
                target[offset + produced++] = (char) lead;
                position++;
                continue;
            }
            int codePoint = decodeSequence(lead);
            if (codePoint < 0) {
                target[offset + produced++] = lead < 0xA0 ? HIGH_CONTROLS[lead - 0x80] : (char) lead;
                position++;
                windows1252Bytes++;
            } else if (codePoint > 0xFFFF) {
                target[offset + produced++] = Character.highSurrogate(codePoint);
                pendingLowSurrogate = Character.lowSurrogate(codePoint);
                utf8Sequences++;
            } else {
                target[offset + produced++] = (char) codePoint;
                utf8Sequences++;
            }
        }
        return produced == 0 ? -1 : produced;
    }

    /** Decodes the UTF-8 sequence at the position and moves past it; -1 (position unchanged) if it is not one. */
    private int decodeSequence(int lead) {
        int continuation;
        int codePoint;
        int minimum;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
            codePoint = lead & 0x1F;
            minimum = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            codePoint = lead & 0x0F;
            minimum = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            codePoint = lead & 0x07;
            minimum = 0x10000;
        } else {
            return -1;
        }
        if (position + continuation >= limit) {
            return -1; // truncated at the end of input
        }
        for (int i = 1; i <= continuation; i++) {
            int next = buffer[position + i] & 0xff;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return -1;
        }
        position += continuation + 1;
        return codePoint;
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < buffer.length) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
                return;
            }
            limit += read;
            if (limit - position >= 4) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
