/* names.h — member names inside a package: decoding and safety.
 *
 * Archives store names as bytes. The policy (LIBRARIES.md §2d, §3), decided per entry:
 *   1. the entry says UTF-8 (ZIP bit 11, a RAR5 name, a RAR4 Unicode name, 7z): UTF-8;
 *   2. Info-ZIP's Unicode Path extra field (0x7075) is passed in as the UTF-8 name;
 *   3. bytes that are valid UTF-8 are taken as they are (Info-ZIP on Linux writes these);
 *   4. otherwise GB18030 (a superset of GBK/CP936) through iconv.
 * Backslashes become '/' only after decoding: a GBK trail byte can be 0x5C.
 * A member is never written under its name (unpack.h generates safe names); the
 * decoded name is for people, for classifying and for the manifest. */
#ifndef QB_NAMES_H
#define QB_NAMES_H

#include <stddef.h>

#include "qb.h"

/* Decode raw name bytes to UTF-8 with '/' separators. utf8 nonzero: the entry declares
 * UTF-8. QB_ERR_UNSAFE when the bytes hold a NUL; QB_ERR_FORMAT when they decode in
 * neither way (or only to private-use characters, the sign of a wrong code page);
 * QB_ERR_NOMEM. *out is set only on QB_OK (caller frees). */
qb_status qb_name_decode(const char *raw, size_t len, int utf8, char **out);

/* Why a decoded name must not be accepted as a member, or NULL when it is fine:
 * empty; control or bidi-override characters; absolute ("/x", "\x", "C:x", "//srv");
 * a ".." component. Splits on both '/' and '\'. The strings are static. */
const char *qb_name_unsafe(const char *name, const char **why_en);

/* Tidy a safe name in place: drop "." components, repeated and trailing '/'. */
void qb_name_tidy(char *name);

/* Operating-system debris that is ignored with an info finding: __MACOSX/, .DS_Store,
 * Thumbs.db, desktop.ini, Office lock files "~$…", AppleDouble "._…". */
int qb_name_is_junk(const char *name);

/* Lower-case extension of the last component including the dot (".docx"), or "" when
 * it has none or it is not 1–8 ASCII letters/digits. Written into ext (room for 10). */
void qb_name_ext(const char *name, char ext[10]);

/* The last component of a '/'-separated name (points into name). */
const char *qb_name_base(const char *name);

/* Lower-case hex of len bytes (caller frees). */
char *qb_hex(const void *raw, size_t len);

#endif
