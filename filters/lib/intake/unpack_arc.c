/* unpack_arc.c — the libarchive reader for RAR4, RAR5 and 7z (LIBRARIES.md §2).
 * Exactly one format is enabled, the one the signature names: "any format" bidding
 * takes a RAR full of .docx members for a ZIP. For RAR the header walk supplies what
 * libarchive gets wrong or hides: RAR5 encryption, raw GBK names (libarchive turns a
 * 0x5C trail byte into '/'), packed sizes for the ratio check. */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unpack_reader.h"
#include "utf8.h"

#define BLOCK 65536

static int any_encrypted(const qb_rar_info *ri)
{
    for (size_t i = 0; ri && i < ri->n; i++)
        if (ri->v[i].encrypted)
            return 1;
    return 0;
}

static int is_encryption_error(const char *msg)
{
    return msg && (strstr(msg, "ncrypt") || strstr(msg, "assword"));
}

/* libarchive's message m as the verdict: encrypted, or broken as zh says. */
static void arc_fail(qb_sink *s, const char *m, const char *zh, const char *en_default)
{
    qb_err e = {0};
    if (is_encryption_error(m)) {
        qb_err_set(&e, QB_ERR_ENCRYPTED, "压缩包已加密，无法读取，请去掉密码后重新提交%.0s", "%s", m);
        qb_sink_verdict(s, QB_ARC_ENCRYPTED, &e);
    } else {
        qb_err_set(&e, QB_ERR_FORMAT, "%s%.0s", "%.0s%s", zh, m ? m : en_default);
        qb_sink_verdict(s, QB_ARC_FORMAT, &e);
    }
}

static void arc_nomem(qb_sink *s)
{
    qb_err e = {0};
    qb_err_set(&e, QB_ERR_NOMEM, "内存不足", "out of memory");
    qb_sink_verdict(s, QB_ARC_FORMAT, &e);
}

static void arc_read(qb_sink *s, const qb_read_job *job)
{
    const qb_unpack_src *src = job->src;
    struct archive *a = archive_read_new();
    if (!a) {
        arc_nomem(s);
        return;
    }
    if (src->fmt == QB_FMT_RAR4)
        archive_read_support_format_rar(a);
    else if (src->fmt == QB_FMT_RAR5)
        archive_read_support_format_rar5(a);
    else
        archive_read_support_format_7zip(a);
    archive_read_support_filter_none(a);
    size_t nv = 0;
    while (src->vols[nv])
        nv++;
    const char **names = calloc(nv + 1, sizeof *names);
    char *buf = malloc(BLOCK);
    if (!names || !buf) {
        free(names);
        free(buf);
        archive_read_free(a);
        arc_nomem(s);
        return;
    }
    for (size_t i = 0; i < nv; i++)
        names[i] = src->vols[i];
    if (archive_read_open_filenames(a, names, BLOCK) != ARCHIVE_OK) {
        arc_fail(s, archive_error_string(a), "压缩包已损坏或格式无法识别", "cannot open");
        free(names);
        free(buf);
        archive_read_free(a);
        return;
    }
    const qb_rar_info *ri = job->rar;
    size_t idx = 0;
    int r = ARCHIVE_OK;
    struct archive_entry *ae;
    while (!qb_sink_stopped(s) &&
           ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
        const char *path = archive_entry_pathname(ae);
        const qb_rar_entry *re = qb_rar_find(ri, idx, path);
        idx++;
        qb_entry_in in = {0};
        /* Raw bytes: the header walk's for RAR (libarchive has already turned 0x5C into
         * '/' in an unflagged GBK name), libarchive's otherwise (7z names are UTF-16
         * in the archive, converted to UTF-8 in our C.UTF-8 locale). */
        if (re) {
            in.raw = re->raw;
            in.raw_len = re->raw_len;
            in.uname = re->uname;
            in.utf8 = src->fmt == QB_FMT_RAR5;
            in.packed = re->packed;
            in.encrypted = re->encrypted;
            in.has_crc = re->has_crc && !re->size_unknown;
            in.crc = re->crc;
        } else {
            in.raw = path ? path : "";
            in.raw_len = strlen(in.raw);
            in.utf8 = src->fmt != QB_FMT_RAR4;
            in.packed = UINT64_MAX;
            /* An entry our walk cannot place: libarchive would hand RAR5 ciphertext over
             * as data, so when the archive holds encrypted entries assume this is one. */
            in.encrypted = src->fmt == QB_FMT_RAR5 && any_encrypted(ri);
        }
        in.encrypted |= archive_entry_is_encrypted(ae) != 0;
        mode_t t = archive_entry_filetype(ae);
        if (archive_entry_hardlink(ae) || t == AE_IFLNK || (re && re->link))
            in.kind = QB_KIND_LINK;
        else if (t == AE_IFDIR || (re && re->dir))
            in.kind = QB_KIND_DIR;
        else if (t == AE_IFREG)
            in.kind = QB_KIND_FILE;
        else
            in.kind = QB_KIND_OTHER;
        in.declared = archive_entry_size_is_set(ae) ? (uint64_t)archive_entry_size(ae) : UINT64_MAX;
        if (!qb_sink_begin(s, &in)) {
            if (archive_read_data_skip(a) == ARCHIVE_FATAL) {
                r = ARCHIVE_FATAL;
                break;
            }
            continue;
        }
        la_ssize_t n;
        int ok = 1;
        const char *err = NULL;
        while ((n = archive_read_data(a, buf, BLOCK)) > 0)
            if (qb_sink_write(s, buf, (size_t)n) != QB_OK) {
                ok = -1;
                break;
            }
        if (n < 0) {
            ok = 0;
            err = archive_error_string(a);
        }
        if (ok >= 0)
            qb_sink_end(s, ok, err);
        if (n == ARCHIVE_FATAL) {
            r = ARCHIVE_FATAL;
            break;
        }
    }
    if (!qb_sink_stopped(s) && r == ARCHIVE_FATAL) {
        const char *m = archive_error_string(a);
        if (m && strstr(m, "solid archive support unavailable")) {
            qb_err e = {0};
            qb_err_set(&e, QB_ERR_FORMAT, "libarchive 不支持 RAR4 固实压缩%.0s", "%s", m);
            qb_sink_verdict(s, QB_ARC_UNSUPPORTED, &e);
        } else {
            arc_fail(s, m, "压缩包已损坏或不完整，无法全部读取", "archive error");
        }
    }
    archive_read_free(a);
    free(names);
    free(buf);
}

const qb_reader qb_reader_libarchive = {"libarchive", arc_read};
