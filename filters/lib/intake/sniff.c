/* sniff.c — file type by signature. */
#include "sniff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

qb_format qb_sniff(const unsigned char *h, size_t n)
{
    if (n == 0)
        return QB_FMT_EMPTY;
    if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)
        return QB_FMT_ZIP;
    if (n >= 4 && (memcmp(h, "PK\x05\x06", 4) == 0 || memcmp(h, "PK\x07\x08", 4) == 0))
        return QB_FMT_ZIP; /* empty archive, or a spanned-archive marker */
    if (n >= 8 && memcmp(h, "Rar!\x1A\x07\x01\x00", 8) == 0)
        return QB_FMT_RAR5;
    if (n >= 7 && memcmp(h, "Rar!\x1A\x07\x00", 7) == 0)
        return QB_FMT_RAR4;
    if (n >= 6 && memcmp(h, "7z\xBC\xAF\x27\x1C", 6) == 0)
        return QB_FMT_7Z;
    if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return QB_FMT_CFB;
    if (n >= 5 && memcmp(h, "%PDF-", 5) == 0)
        return QB_FMT_PDF;
    if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1A\n", 8) == 0)
        return QB_FMT_PNG;
    if (n >= 3 && memcmp(h, "\xFF\xD8\xFF", 3) == 0)
        return QB_FMT_JPEG;
    if (n >= 6 && (memcmp(h, "GIF87a", 6) == 0 || memcmp(h, "GIF89a", 6) == 0))
        return QB_FMT_GIF;
    if (n >= 2 && memcmp(h, "BM", 2) == 0)
        return QB_FMT_BMP;
    if (n >= 4 && (memcmp(h, "II*\0", 4) == 0 || memcmp(h, "MM\0*", 4) == 0))
        return QB_FMT_TIFF;
    return QB_FMT_UNKNOWN;
}

qb_status qb_sniff_file(const char *path, qb_format *out)
{
    unsigned char head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return QB_ERR_IO;
    size_t n = fread(head, 1, sizeof head, f);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return QB_ERR_IO;
    *out = qb_sniff(head, n);
    return QB_OK;
}

const char *qb_format_name(qb_format f)
{
    static const char *const names[] = {"unknown", "zip", "rar4", "rar5", "7z", "ole",
                                        "pdf", "png", "jpeg", "gif", "bmp", "tiff", "empty"};
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "unknown";
}

int qb_cfb_is_encrypted_ooxml(const char *path)
{
    /* The directory entry names are UTF-16LE; finding "EncryptionInfo" anywhere in
     * the first megabyte is enough for this question (the directory of an encrypted
     * package is tiny and near the start). */
    static const char pat[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 20;
    unsigned char *buf = malloc(cap);
    int found = 0;
    if (buf) {
        size_t n = fread(buf, 1, cap, f);
        size_t plen = sizeof pat - 1;
        for (size_t i = 0; i + plen <= n && !found; i++)
            if (memcmp(buf + i, pat, plen) == 0)
                found = 1;
        free(buf);
    }
    fclose(f);
    return found;
}
