/* sniff.h — what a file is, by its first bytes (never by its extension: a RAR full
 * of .docx members contains ZIP signatures, so "any format" bidding guesses wrong). */
#ifndef QB_SNIFF_H
#define QB_SNIFF_H

#include <stddef.h>

#include "qb.h"

typedef enum {
    QB_FMT_UNKNOWN = 0, QB_FMT_ZIP, QB_FMT_RAR4, QB_FMT_RAR5, QB_FMT_7Z,
    QB_FMT_CFB,  /* OLE compound file: .doc, .wps, or an encrypted OOXML package */
    QB_FMT_PDF, QB_FMT_PNG, QB_FMT_JPEG, QB_FMT_GIF, QB_FMT_BMP, QB_FMT_TIFF,
    QB_FMT_EMPTY
} qb_format;

qb_format qb_sniff(const unsigned char *head, size_t n);
/* Sniff the first bytes of a file; QB_ERR_IO if it cannot be read. */
qb_status qb_sniff_file(const char *path, qb_format *out);
const char *qb_format_name(qb_format f);

/* For an OLE compound file: nonzero when its directory names an "EncryptionInfo"
 * stream, i.e. a password-protected Office document (MS-OFFCRYPTO). */
int qb_cfb_is_encrypted_ooxml(const char *path);

#endif
