/* render_attach.c — the original files, attached to the PDF under ASCII names.
 *
 * libharu 2.3 stores the attachment's name as the path string it was given, bytes
 * and directories included, and has no call for /UF or /Desc (LIBRARIES.md §1g). So
 * each file is linked under its ASCII name ("01_experience.docx") into a private
 * temporary folder and attached from there (libharu opens it at once and reads it
 * when saving), then the stored name and the name-tree key are cut down to that
 * base name and a /Desc holds the original Chinese name. The temporary links are
 * removed before returning. The library objects touched (Dict, String, Array) are
 * those of the installed libhpdf headers. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "render_int.h"
#include "tmpdir.h"

#include <hpdf_catalog.h>
#include <hpdf_namedict.h>
#include <hpdf_objects.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sniff.h"

static int same_path(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* What an attached file is, for its ASCII name. */
static const char *role(const rd *r, const char *path)
{
    const qb_render_input *in = r->in;
    if (in->experience && same_path(in->experience->source, path))
        return "experience";
    if (in->form && same_path(in->form->source, path))
        return "form";
    for (size_t i = 0; i < in->nproof_docs; i++)
        if (same_path(in->proof_docs[i]->source, path))
            return "proof";
    for (size_t i = 0; i < in->nproof_files; i++)
        if (same_path(in->proof_files[i], path))
            return "proof";
    return "file";
}

const char *rd_orig_name(const rd *r, const char *path)
{
    for (size_t i = 0; path && i < r->in->nnames; i++)
        if (same_path(r->in->name_paths[i], path) && r->in->names[i] && *r->in->names[i])
            return qb_basename(r->in->names[i]);
    return qb_basename(path ? path : "");
}

char *rd_attach_name(const rd *r, const char *path)
{
    const qb_render_input *in = r->in;
    for (size_t i = 0; path && i < in->nattach; i++) {
        if (!same_path(in->attach[i], path))
            continue;
        /* the extension, if it is short ASCII; lower-cased */
        char ext[8] = "";
        const char *base = qb_basename(path), *dot = strrchr(base, '.');
        if (dot && strlen(dot) <= 6) {
            size_t k = 0;
            for (const char *p = dot; *p && k < sizeof ext - 1; p++) {
                if (!isalnum((unsigned char)*p) && *p != '.') {
                    k = 0;
                    break;
                }
                ext[k++] = (char)tolower((unsigned char)*p);
            }
            ext[k] = '\0';
        }
        return qb_asprintf("%02zu_%s%s", i + 1, role(r, path), ext);
    }
    return NULL;
}

/* Replace the path string libharu stored with the base name. */
static void rename_string(HPDF_String s, const char *path, const char *name)
{
    if (s && s->len == strlen(path) && memcmp(s->value, path, s->len) == 0)
        HPDF_String_SetValue(s, name);
}

static int already_compressed(const char *path)
{
    qb_format f;
    if (qb_sniff_file(path, &f) != QB_OK)
        return 0;
    return f == QB_FMT_ZIP || f == QB_FMT_RAR4 || f == QB_FMT_RAR5 || f == QB_FMT_7Z || f == QB_FMT_JPEG ||
           f == QB_FMT_PNG || f == QB_FMT_GIF || f == QB_FMT_PDF;
}

static qb_status attach_one(rd *r, const char *dir, size_t i)
{
    const char *orig = r->in->attach[i];
    char *name = rd_attach_name(r, orig);
    char *link = name ? qb_asprintf("%s/%s", dir, name) : NULL;
    char *abs = realpath(orig, NULL);
    qb_status st = QB_OK;
    if (!name || !link) {
        st = QB_ERR_NOMEM;
    } else if (!abs || symlink(abs, link) != 0) {
        char *zh = qb_asprintf("原文件无法作为附件嵌入：%s", qb_basename(orig));
        char *en = qb_asprintf("the original file could not be attached: %s", qb_basename(orig));
        st = zh && en ? rd_warn(r, "render.attach", qb_basename(orig), zh, en) : QB_ERR_NOMEM;
        free(zh);
        free(en);
    } else {
        HPDF_EmbeddedFile ef = HPDF_AttachFile(r->pdf, link);
        unlink(link); /* libharu holds the file open */
        if (!ef) {
            st = rd_hpdf_status(r);
            if (st == QB_OK)
                st = QB_ERR_IO;
        } else {
            rename_string(HPDF_Dict_GetItem(ef, "F", HPDF_OCLASS_STRING), link, name);
            HPDF_NameDict names = HPDF_Catalog_GetNames(r->pdf->catalog);
            HPDF_NameTree tree = names ? HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES) : NULL;
            HPDF_Array keys = tree ? HPDF_Dict_GetItem(tree, "Names", HPDF_OCLASS_ARRAY) : NULL;
            for (HPDF_UINT k = 0; keys && k < HPDF_Array_Items(keys); k += 2)
                rename_string(HPDF_Array_GetItem(keys, k, HPDF_OCLASS_STRING), link, name);
            /* DOCX, ZIP, RAR, JPEG, PNG and PDF are compressed already: deflating
             * them again took most of the time of saving and gained nothing. */
            HPDF_Dict efd = HPDF_Dict_GetItem(ef, "EF", HPDF_OCLASS_DICT);
            HPDF_Dict fs = efd ? HPDF_Dict_GetItem(efd, "F", HPDF_OCLASS_DICT) : NULL;
            if (fs && already_compressed(orig))
                fs->filter = HPDF_STREAM_FILTER_NONE;
            /* a file specification (libharu writes /Type /F); the original name, in
             * Unicode, as /UF and in the description */
            HPDF_Dict_AddName(ef, "Type", "Filespec");
            const char *orig_name = rd_orig_name(r, orig);
            char *desc = qb_asprintf("原文件：%s", orig_name);
            HPDF_String ds = desc ? HPDF_String_New(r->pdf->mmgr, desc, r->enc) : NULL;
            HPDF_String uf = HPDF_String_New(r->pdf->mmgr, orig_name, r->enc);
            if (ds)
                HPDF_Dict_Add(ef, "Desc", ds);
            if (uf)
                HPDF_Dict_Add(ef, "UF", uf);
            free(desc);
            st = rd_hpdf_status(r);
        }
    }
    free(abs);
    free(link);
    free(name);
    return st;
}

/* A proof drawn as pages is in the dossier once: not again as an attachment. */
static int shown(const rd *r, const char *path)
{
    for (size_t i = 0; r->shown && i < r->in->nproof_files; i++)
        if (r->shown[i] && same_path(r->in->proof_files[i], path))
            return 1;
    return 0;
}

qb_status rd_attach_all(rd *r)
{
    if (r->collect || r->in->nattach == 0)
        return QB_OK;
    char *dir = NULL;
    qb_status st = qb_tmpdir_make("attach", &dir);
    if (st != QB_OK)
        return st;
    for (size_t i = 0; i < r->in->nattach && st == QB_OK; i++)
        if (!shown(r, r->in->attach[i]))
            st = attach_one(r, dir, i);
    rmdir(dir);
    free(dir);
    return st;
}
