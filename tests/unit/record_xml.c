/* Unit tests of the application record's XML: a record built here in code (a package
 * with an unsafe member and an undecodable name, the three kinds of document, proof
 * files, attachments, findings of the package and of the write-up) is written, read
 * back and written again to the same bytes, with every field the report and the
 * dossier use intact. */
#include "record_xml.h"
#include "tap.h"
#include "xmlsafe.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static char *to_string(const qb_record *r, qb_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    *st = qb_record_write(r, f);
    fclose(f);
    return buf;
}

static qb_status from_string(const char *dir, const char *text, qb_record *r)
{
    char *path = qb_asprintf("%s/r.xml", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    qb_status st = qb_record_read(path, r);
    unlink(path);
    free(path);
    return st;
}

static void add_doc(qb_doc *d, const char *source, const char *file, const char *text)
{
    qb_doc_init(d);
    d->source = qb_strdup(source);
    d->file = qb_strdup(file);
    size_t i;
    qb_doc_add_para(d, QB_IN_BODY, -1, &i);
    d->paras[i].number = 1;
    qb_rfmt f;
    qb_rfmt_init(&f);
    qb_para_add_run(&d->paras[i], text, strlen(text), &f);
}

static void add_member(qb_package *p, const char *name, const char *hex, const char *stored, qb_role role,
                       qb_outcome out, uint64_t declared)
{
    qb_grow((void **)&p->m, &p->cap, p->n + 1, sizeof *p->m);
    qb_member *m = &p->m[p->n++];
    memset(m, 0, sizeof *m);
    m->name = name ? qb_strdup(name) : NULL;
    m->name_raw_hex = qb_strdup(hex);
    m->stored = stored ? qb_strdup(stored) : NULL;
    m->path = stored ? qb_asprintf("wd/%s", stored) : NULL;
    m->size = stored ? 4321 : 0;
    m->declared = declared;
    if (stored)
        strcpy(m->sha256, "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12");
    m->role = role;
    m->fmt = stored ? QB_FMT_ZIP : QB_FMT_UNKNOWN;
    m->outcome = out;
    if (out != QB_OUT_OK) {
        m->why_zh = qb_strdup("路径不安全");
        m->why_en = qb_strdup("unsafe path");
    }
}

int main(void)
{
    qb_xml_init();
    char dir[512];
    snprintf(dir, sizeof dir, "%s/qb-record-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        ok(0, "a temporary folder");
        return tap_done();
    }
    qb_record r;
    qb_record_init(&r);
    r.input.path = qb_strdup("收件/某某有限公司.rar");
    r.input.name = qb_strdup("某某有限公司.rar");
    r.input.regular = 1;
    r.input.size = 5000000000ULL; /* over 4 GB: sizes are 64-bit */
    strcpy(r.input.sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    strcpy(r.input.received, "2024-05-01");
    r.edition = qb_strdup("caq-2023");
    r.applicant = qb_strdup("某某<有限>公司 & \"分厂\"");
    r.scope = qb_strdup("运用先进质量管理理念、方法、工具促进高质量发展的典型经验");
    r.processed = 1;
    r.workdir = qb_strdup("wd");
    r.keep_workdir = 1;
    r.have_pkg = 1;
    r.pkg.display_name = qb_strdup("某某有限公司.rar");
    r.pkg.applicant = qb_strdup("某某有限公司");
    r.pkg.fmt = QB_FMT_RAR5;
    r.pkg.volumes = 2;
    r.pkg.size = 5000000000ULL;
    strcpy(r.pkg.sha256, r.input.sha256);
    r.pkg.reader = "libarchive";
    add_member(&r.pkg, "申报书.docx", "e794b3", "0001.docx", QB_ROLE_FORM, QB_OUT_OK, 4321);
    add_member(&r.pkg, "典型经验材料.docx", "e585b8", "0002.docx", QB_ROLE_EXPERIENCE, QB_OUT_OK, UINT64_MAX);
    add_member(&r.pkg, NULL, "c4e3", NULL, QB_ROLE_OTHER, QB_OUT_UNSAFE, 10);
    qb_findings_add(&r.findings, "package.unsafe-entry", QB_SEV_ERROR, "某某有限公司.rar", NULL, 0, "../x",
                    "有不安全的条目", "an unsafe entry");
    add_doc(&r.doc, "wd/0002.docx", "典型经验材料.docx", "标题：某某公司的经验");
    r.doc.sectioned = 1;
    qb_findings_add(&r.doc.findings, "count.abstract", QB_SEV_WARNING, "典型经验材料.docx", "abstract", 1, NULL,
                    "摘要超长", "abstract too long");
    qb_findings_extend(&r.findings, &r.doc.findings);
    r.have_doc = 1;
    add_doc(&r.form, "wd/0001.docx", "申报书.docx", "申报单位：某某有限公司");
    r.have_form = 1;
    r.proofs = calloc(1, sizeof *r.proofs);
    add_doc(&r.proofs[0], "wd/0003.docx", "目录.docx", "证明材料目录");
    r.nproof = 1;
    r.proof_files = calloc(1, sizeof *r.proof_files);
    r.proof_files[0] = qb_strdup("wd/0004.png");
    r.nproof_files = 1;
    r.attach = calloc(2, sizeof *r.attach);
    r.attach[0] = qb_strdup("wd/0001.docx");
    r.attach[1] = qb_strdup("wd/0002.docx");
    r.nattach = 2;

    qb_status st;
    char *first = to_string(&r, &st);
    is_int(st, QB_OK, "the record is written");
    ok(first && strstr(first, "<record version=\"1\" edition=\"caq-2023\" verdict=\"fail\""),
       "its root names the edition and the verdict (an error-level finding: fail)");
    ok(first && strstr(first, "\n<qb-model version=\"1\" source=\"wd/0002.docx\""),
       "each document is a model, starting in column 0 as a model file does");
    const char *a = first ? strstr(first, "count.abstract") : NULL;
    ok(a && !strstr(a + 1, "count.abstract"), "the write-up's finding is written once");

    qb_record b;
    st = from_string(dir, first ? first : "", &b);
    is_int(st, QB_OK, "it is read back");
    is_str(b.input.path, "收件/某某有限公司.rar", "input path");
    is_str(b.input.name, "某某有限公司.rar", "input name");
    ok(b.input.regular == 1 && b.input.size == 5000000000ULL, "input kind and 64-bit size");
    is_str(b.input.sha256, r.input.sha256, "input SHA-256");
    is_str(b.input.received, "2024-05-01", "date received");
    is_str(b.applicant, r.applicant, "applicant, with XML's special characters");
    is_str(b.scope, r.scope, "遴选范围");
    is_str(qb_record_verdict(&b), "fail", "verdict");
    ok(b.have_pkg && b.pkg.n == 3 && b.pkg.volumes == 2 && b.pkg.fmt == QB_FMT_RAR5, "the package and its members");
    ok(b.pkg.m[0].role == QB_ROLE_FORM && b.pkg.m[1].role == QB_ROLE_EXPERIENCE && b.pkg.m[2].role == QB_ROLE_OTHER,
       "member roles");
    ok(b.pkg.m[2].name == NULL && strcmp(b.pkg.m[2].name_raw_hex, "c4e3") == 0 && b.pkg.m[2].outcome == QB_OUT_UNSAFE &&
       b.pkg.m[2].path == NULL && strcmp(b.pkg.m[2].why_zh, "路径不安全") == 0,
       "an undecodable, unsafe member keeps its raw name, outcome and reason, and has no file");
    ok(b.pkg.m[1].declared == UINT64_MAX && b.pkg.m[0].declared == 4321, "declared sizes, unknown included");
    is_str(b.pkg.m[1].path, "wd/0002.docx", "member path");
    ok(b.findings.n == 2 && strcmp(b.findings.v[0].rule, "package.unsafe-entry") == 0 &&
       strcmp(b.findings.v[1].rule, "count.abstract") == 0, "findings: the package's, then the write-up's");
    ok(b.have_doc && b.doc.findings.n == 1 && b.doc.npara == 1, "the write-up's model and its own finding");
    ok(b.have_form && strcmp(b.form.paras[0].text, "申报单位：某某有限公司") == 0, "the form's model");
    ok(b.nproof == 1 && strcmp(b.proofs[0].file, "目录.docx") == 0, "the DOCX proof's model");
    ok(b.nproof_files == 1 && strcmp(b.proof_files[0], "wd/0004.png") == 0, "other proof files by path");
    ok(b.nattach == 2 && strcmp(b.attach[1], "wd/0002.docx") == 0, "attachments by path");
    char *second = to_string(&b, &st);
    ok(first && second && strcmp(first, second) == 0, "written again, the same bytes");
    free(second);
    qb_record_free(&b);

    /* not processed: the verdict says so and the reason comes back */
    r.processed = 0;
    r.reason = qb_strdup("某某有限公司.rar：压缩包已损坏");
    r.reason_en = qb_strdup("某某有限公司.rar: the archive is damaged");
    free(first);
    first = to_string(&r, &st);
    st = from_string(dir, first ? first : "", &b);
    ok(st == QB_OK && !b.processed && strcmp(qb_record_verdict(&b), "error") == 0 &&
       strcmp(b.reason, r.reason) == 0 && strcmp(b.reason_en, r.reason_en) == 0,
       "a record not processed: verdict error, with its reason in both languages");
    qb_record_free(&b);
    free(first);

    /* what is not a record */
    is_int(from_string(dir, "<html/>", &b), QB_ERR_FORMAT, "an XML file that is not a record is refused");
    is_int(from_string(dir, "<record><document role=\"experience\"><qb-model><p table=\"7\"/></qb-model></document></record>", &b),
           QB_ERR_FORMAT, "a record whose model has dangling indices is refused");
    st = from_string(dir, "<qb-model version=\"1\" source=\"a.docx\" file=\"a.docx\"><p n=\"1\"><r>x</r></p></qb-model>", &b);
    ok(st == QB_OK && b.have_doc && b.processed && strcmp(b.input.name, "a.docx") == 0,
       "a model file alone is read as the record of its write-up");
    if (st == QB_OK)
        qb_record_free(&b);
    qb_record_free(&r);
    rmdir(dir);
    return tap_done();
}
