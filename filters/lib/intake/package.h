/* package.h — one applicant's package as the secretariat received it: unpacked safely
 * (unpack.h), its members classified (application form 申报书, write-up 典型经验材料,
 * proof material 证明材料), its name checked, and a manifest written.
 *
 * The caller's whole job:
 *     qb_package pkg;
 *     qb_package_unpack(input, workdir, ed, &pkg);      // findings in pkg.findings
 *     const qb_member *w = qb_package_member(&pkg, QB_ROLE_EXPERIENCE);
 *     if (w) … read w->path (a .docx inside workdir) …
 *     qb_package_check_applicant(&pkg, applicant_named_in_the_form);
 *     qb_package_manifest_write(&pkg, f);
 *     qb_package_free(&pkg);
 *
 * INPUT may be a .rar (RAR4/RAR5, the first volume of a set), .zip, .7z, a bare .docx
 * (.doc, .pdf …: a package of one member) or a folder; the format comes from the
 * signature, never the extension. The input is only read; everything is written in
 * WORKDIR (it must exist and should be empty), under generated names (0001.docx …),
 * plus nothing else. Rule ids are DESIGN §3's package.*, plus package.junk (info). */
#ifndef QB_PACKAGE_H
#define QB_PACKAGE_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "edition.h"
#include "findings.h"
#include "sniff.h"
#include "unpack.h"

typedef enum {
    QB_ROLE_OTHER = 0, /* anything else (kept, listed) */
    QB_ROLE_FORM,      /* 申报书 / 申请书 / 推荐表 */
    QB_ROLE_EXPERIENCE,/* 典型经验材料: the write-up the checks run on */
    QB_ROLE_PROOF,     /* 证明材料 (Word, PDF, images) */
    QB_ROLE_JUNK       /* __MACOSX/, Thumbs.db …: ignored, not written */
} qb_role;

typedef struct {
    char *name;          /* decoded UTF-8 name inside the package; a member of an inner
                          * archive is "inner.zip/a.docx"; NULL if undecodable */
    char *name_raw_hex;  /* original name bytes, hex */
    char *path;          /* WORKDIR/0003.docx, or NULL when not written */
    char *stored;        /* "0003.docx" (relative to WORKDIR), or NULL */
    char *converted;     /* a .doc converted by LibreOffice: WORKDIR/0003.conv.docx, else NULL */
    uint64_t size;       /* bytes written */
    uint64_t declared;   /* size the archive declared, UINT64_MAX unknown */
    char sha256[65];     /* of the bytes written ("" when not written) */
    qb_role role;
    qb_format fmt;       /* by signature */
    qb_kind kind;
    qb_outcome outcome;  /* QB_OUT_OK, or why it was skipped */
    char *why_zh, *why_en;
    int depth;           /* 0: in the package; 1: inside an archive inside it … */
    int expanded;        /* an inner archive whose members follow in the list */
} qb_member;

typedef struct {
    char *input;         /* as given */
    char *display_name;  /* its last path component, e.g. "某某有限公司.rar" */
    char *applicant;     /* organisation named by the file name when it looks like one */
    char *workdir;
    qb_format fmt;       /* by signature; QB_FMT_UNKNOWN for a folder */
    int is_dir;          /* the input is a folder */
    int is_document;     /* the input is a single document, not a package */
    size_t volumes;      /* volumes read (multi-volume RAR sets) */
    uint64_t size;       /* input bytes (all volumes); 0 for a folder */
    char sha256[65];     /* of the input file (first volume), "" for a folder */
    const char *reader;  /* which reader did the work: zip, libarchive, unar, folder, file */
    qb_member *m;        /* members in archive order, inner archives' members after them */
    size_t n, cap;
    qb_findings findings;
} qb_package;

/* Unpack, classify, check. QB_OK even when the package has findings (e.g. an encrypted
 * or corrupt archive: see pkg->findings); QB_ERR_USAGE when workdir is not an existing
 * folder or input does not exist, QB_ERR_IO / QB_ERR_NOMEM when nothing could run. On
 * every return pkg must be released with qb_package_free. */
qb_status qb_package_unpack(const char *input, const char *workdir, const qb_edition *ed,
                            qb_package *pkg);

/* The member chosen for a role (written, OK), or NULL. */
const qb_member *qb_package_member(const qb_package *pkg, qb_role role);
/* The .docx to read for a member: the LibreOffice conversion of a .doc when there is
 * one, else the member's own file (NULL when it was not written). */
const char *qb_member_docx(const qb_member *m);

/* package.name against the applicant named in the form: equal after ignoring spaces and
 * the difference between full-width and half-width brackets. Adds a finding when they
 * differ; fills pkg->applicant when the file name gave none. */
qb_status qb_package_check_applicant(qb_package *pkg, const char *applicant_from_form);

/* The manifest (JSON, UTF-8): package name, size, sha256, applicant, members (name,
 * raw name hex, stored file, size, sha256, role, format, outcome) and findings. */
qb_status qb_package_manifest_write(const qb_package *pkg, FILE *out);

void qb_package_free(qb_package *pkg);

/* "form", "experience", "proof", "other", "junk" / "申报书", "典型经验材料", … */
const char *qb_role_name(qb_role r);
const char *qb_role_name_zh(qb_role r);

/* SHA-256 of a file as 64 lower-case hex digits. */
qb_status qb_sha256_file(const char *path, char hex[65]);

/* ---- the steps qb_package_unpack runs after unpacking (package.c) -------------- */

/* Roles by name, then by content; package.missing-*, package.not-word,
 * package.legacy-doc (converting with LibreOffice when installed), encrypted Word
 * files; junk marked. For a bare document only its role is decided. */
qb_status qb_package_classify(qb_package *pkg, const qb_edition *ed);
/* package.name: the package's file name against [package] name_pattern / name_reject;
 * sets pkg->applicant when it passes. */
qb_status qb_package_check_name(qb_package *pkg, const qb_edition *ed);
/* The package name without extension(s), volume suffix and version marks ("某某有限公司"
 * of "某某有限公司（修改稿）.part1.rar"); caller frees. */
char *qb_package_base_name(const char *display_name);
/* Take one version mark off the end of b ("（修改稿）", "(v2)", "【第二版】", "-v2",
 * "_修改稿", " v3"): 1 when one was taken (call again for more), 0 when none is left. */
int qb_name_strip_version(qb_buf *b);

#endif
